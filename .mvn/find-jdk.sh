#!/bin/sh
# Prints the home of a JDK 21+ and exits 0, or explains what to install and exits 1.
# Order: JAVA_HOME if 21+, then `java` on PATH if 21+, then the newest JDK under
# /usr/lib/jvm or ~/.sdkman/candidates/java. Shared by ./mvnw and ./newswatch so both
# pick the same runtime: the default JDK on many machines is 17, too old for Lucene 10
# and Apicurio Registry 3.3.
set -u
MIN=21

major_of() { # $1 = path to a java binary; prints its feature version or nothing
  "$1" -XshowSettings:properties -version 2>&1 \
    | sed -n 's/^ *java\.specification\.version = \([0-9][0-9]*\).*/\1/p' | head -n 1
}

home_ok() { # $1 = candidate home; true when it holds a javac and a java >= MIN
  [ -x "$1/bin/java" ] && [ -x "$1/bin/javac" ] || return 1
  v=$(major_of "$1/bin/java")
  [ -n "$v" ] && [ "$v" -ge "$MIN" ]
}

if [ -n "${JAVA_HOME:-}" ] && home_ok "$JAVA_HOME"; then
  printf '%s\n' "$JAVA_HOME"; exit 0
fi

if command -v java >/dev/null 2>&1; then
  j=$(command -v java)
  # Resolve symlinks such as /usr/bin/java -> /etc/alternatives/java -> .../bin/java.
  r=$(readlink -f "$j" 2>/dev/null || printf '%s' "$j")
  h=$(dirname "$(dirname "$r")")
  if home_ok "$h"; then printf '%s\n' "$h"; exit 0; fi
fi

best=""; bestv=0
for d in /usr/lib/jvm/* "${HOME:-/nonexistent}"/.sdkman/candidates/java/*; do
  [ -d "$d" ] || continue
  [ -L "$d" ] && continue
  [ -x "$d/bin/java" ] && [ -x "$d/bin/javac" ] || continue
  v=$(major_of "$d/bin/java")
  [ -n "$v" ] || continue
  if [ "$v" -ge "$MIN" ] && [ "$v" -gt "$bestv" ]; then best=$d; bestv=$v; fi
done
if [ -n "$best" ]; then printf '%s\n' "$best"; exit 0; fi

cat >&2 <<MSG
newswatch needs a JDK $MIN or newer, and none was found
  (checked JAVA_HOME, java on PATH, /usr/lib/jvm/*, ~/.sdkman/candidates/java/*).
Install one, for example:
  Debian/Ubuntu: sudo apt-get install openjdk-21-jdk
  SDKMAN:        sdk install java 21-tem
then run the command again, or point JAVA_HOME at it.
MSG
exit 1
