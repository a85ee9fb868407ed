# Python clients on secure listeners: `security_clients.py CLIENT BOOTSTRAP TOPIC GROUP CONFIG_JSON`,
# CLIENT kafka-python or confluent, CONFIG_JSON the client's own security settings. Produces three
# messages to partition 0, reads them as a member of consumer group GROUP, commits, and prints JSON
# {"produced": n, "consumed": [...], "committed": offset}; a refused client prints {"error": "..."}.
import json
import ssl
import sys
import time

client, bootstrap, topic, group, config = sys.argv[1:6]
security = json.loads(config)
values = ['one', 'two', 'three']
deadline = time.time() + 40

if client == 'kafka-python':
    from kafka import KafkaProducer, KafkaConsumer, TopicPartition
    from kafka.errors import KafkaError

    common = dict(bootstrap_servers=bootstrap, api_version_auto_timeout_ms=10000, **security)
    try:
        producer = KafkaProducer(**common)
        for v in values:
            producer.send(topic, v.encode(), partition=0).get(timeout=20)
        producer.close()
        consumer = KafkaConsumer(topic, group_id=group, auto_offset_reset='earliest', enable_auto_commit=False, **common)
        consumed = []
        while len(consumed) < len(values) and time.time() < deadline:
            for records in consumer.poll(timeout_ms=500).values():
                consumed += [r.value.decode() for r in records]
        consumer.commit()
        committed = consumer.committed(TopicPartition(topic, 0))
        consumer.close()
        print(json.dumps({'produced': len(values), 'consumed': consumed, 'committed': committed}))
    except (KafkaError, ssl.SSLError) as e:
        print(json.dumps({'error': type(e).__name__ + ': ' + str(e)}))
elif client == 'confluent':
    from confluent_kafka import Producer, Consumer, TopicPartition

    common = {'bootstrap.servers': bootstrap, **security}
    errors = []
    producer = Producer({**common, 'error_cb': lambda e: errors.append(str(e))})
    delivered = []
    for v in values:
        producer.produce(topic, v.encode(), partition=0, on_delivery=lambda err, msg: delivered.append(str(err) if err else msg.offset()))
    # A refused client queues its messages for message.timeout.ms: stop at the first error instead.
    while len(delivered) < len(values) and not errors and time.time() < deadline:
        producer.flush(0.5)
    if errors or len(delivered) != len(values):
        print(json.dumps({'error': '; '.join(errors) or 'not delivered'}))
        sys.exit(0)
    consumer = Consumer({**common, 'group.id': group, 'auto.offset.reset': 'earliest', 'enable.auto.commit': False})
    consumer.subscribe([topic])
    consumed = []
    while len(consumed) < len(values) and time.time() < deadline:
        m = consumer.poll(0.5)
        if m is not None and not m.error():
            consumed.append(m.value().decode())
    consumer.commit(asynchronous=False)
    [committed] = consumer.committed([TopicPartition(topic, 0)], timeout=10)
    consumer.close()
    print(json.dumps({'produced': len(delivered), 'consumed': consumed, 'committed': committed.offset}))
