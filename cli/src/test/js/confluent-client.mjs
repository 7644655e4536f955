// Confluent's own JavaScript clients against newswatch, run by ConfluentClientsIT: the serde of
// @confluentinc/schemaregistry serializes an Article through the registry's Confluent API (the latest
// registered schema, no auto-registration) and kafkajs publishes it to the raw topic; then every alert on
// the alerts topic is decoded with Confluent's AvroDeserializer until the one about that article arrives.
// Prints one JSON object per line on stdout: {"event":"produced",...}, then {"event":"alert","value":...}.
//
// Environment: BOOTSTRAP, REGISTRY_URL, RAW_TOPIC, ALERTS_TOPIC, ARTICLE_FILE (JSON of an Article),
// TIMEOUT_MS (default 60000).
import { readFileSync } from 'node:fs';
import kafkajs from 'kafkajs';
import schemaregistry from '@confluentinc/schemaregistry';
import lz4 from 'lz4js';

const { Kafka, CompressionTypes, CompressionCodecs, logLevel } = kafkajs;
const { SchemaRegistryClient, AvroSerializer, AvroDeserializer, SerdeType } = schemaregistry;

const env = (name, fallback) => {
  const v = process.env[name] ?? fallback;
  if (v === undefined) {
    throw new Error(`${name} is not set`);
  }
  return v;
};

// kafkajs has no LZ4 codec, and enrich's producers compress with LZ4: register the pure-JS one.
CompressionCodecs[CompressionTypes.LZ4] = () => ({
  compress: async (encoder) => Buffer.from(lz4.compress(encoder.buffer)),
  decompress: async (buffer) => Buffer.from(lz4.decompress(buffer)),
});

const print = (o) => process.stdout.write(JSON.stringify(o) + '\n');

async function main() {
  const rawTopic = env('RAW_TOPIC');
  const alertsTopic = env('ALERTS_TOPIC');
  const timeoutMs = Number(env('TIMEOUT_MS', '60000'));
  const article = JSON.parse(readFileSync(env('ARTICLE_FILE'), 'utf8'));
  article.fetchedAt = Date.now();

  const registry = new SchemaRegistryClient({ baseURLs: [env('REGISTRY_URL')] });
  const serializer = new AvroSerializer(registry, SerdeType.VALUE, { useLatestVersion: true, autoRegisterSchemas: false });
  const deserializer = new AvroDeserializer(registry, SerdeType.VALUE, {});

  const kafka = new Kafka({ clientId: 'newswatch-confluent-js', brokers: [env('BOOTSTRAP')], logLevel: logLevel.ERROR });
  const producer = kafka.producer();
  await producer.connect();
  const value = await serializer.serialize(rawTopic, article);
  await producer.send({ topic: rawTopic, messages: [{ key: article.id, value }] });
  await producer.disconnect();
  print({ event: 'produced', id: article.id, magic: value.readUInt8(0), schemaId: value.readInt32BE(1) });

  const consumer = kafka.consumer({ groupId: `newswatch-confluent-js-${process.pid}-${Date.now()}` });
  await consumer.connect();
  await consumer.subscribe({ topic: alertsTopic, fromBeginning: true });
  let found = false;
  const done = new Promise((resolve) => {
    consumer.run({
      eachMessage: async ({ message }) => {
        const alert = await deserializer.deserialize(alertsTopic, message.value);
        print({ event: 'alert', schemaId: message.value.readInt32BE(1), value: alert });
        if (!found && alert.articleIds.includes(article.id)) {
          found = true;
          resolve();
        }
      },
    });
  });
  // unref: a pending timer must not keep node alive once the alert was found.
  const timeout = new Promise((resolve) => setTimeout(resolve, timeoutMs).unref());
  await Promise.race([done, timeout]);
  await consumer.disconnect();
  if (!found) {
    print({ event: 'timeout', afterMs: timeoutMs });
    process.exitCode = 1;
  }
}

main().catch((e) => {
  process.stderr.write(`confluent-client: ${e.stack ?? e}\n`);
  process.exit(2);
});
