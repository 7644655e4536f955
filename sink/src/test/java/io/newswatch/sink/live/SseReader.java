package io.newswatch.sink.live;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

/** Reads a Server-Sent Events stream on a background thread and keeps the events, for tests. */
final class SseReader implements AutoCloseable {

  /** One received event. */
  record Event(String id, String data) {
  }

  private final List<Event> events = new ArrayList<>();
  private final HttpClient client = HttpClient.newHttpClient();
  private final InputStream body;
  private final Thread reader;

  SseReader(String url, String lastEventId) throws IOException, InterruptedException {
    HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(url)).header("Accept", "text/event-stream");
    if (lastEventId != null) {
      request.header("Last-Event-ID", lastEventId);
    }
    HttpResponse<InputStream> response = client.send(request.build(), HttpResponse.BodyHandlers.ofInputStream());
    if (response.statusCode() != 200) {
      throw new IOException("SSE endpoint answered " + response.statusCode());
    }
    body = response.body();
    reader = Thread.ofVirtual().start(this::read);
  }

  List<Event> events() {
    synchronized (events) {
      return List.copyOf(events);
    }
  }

  List<String> ids() {
    return events().stream().map(Event::id).toList();
  }

  private void read() {
    try (BufferedReader lines = new BufferedReader(new InputStreamReader(body, StandardCharsets.UTF_8))) {
      String id = null;
      StringBuilder data = new StringBuilder();
      String line;
      while ((line = lines.readLine()) != null) {
        if (line.isEmpty()) {
          if (data.length() > 0) {
            synchronized (events) {
              events.add(new Event(id, data.toString()));
            }
          }
          id = null;
          data.setLength(0);
        } else if (line.startsWith("id: ")) {
          id = line.substring(4);
        } else if (line.startsWith("data: ")) {
          data.append(line.substring(6));
        }
      }
    } catch (IOException e) {
      // The stream ends when the test closes it; what was read is kept.
      Thread.currentThread().interrupt();
    }
  }

  @Override
  public void close() throws IOException {
    body.close();
    client.close();
    reader.interrupt();
  }
}
