"""The recorder: device threads offer frames and blocks to bounded queues, one encoder thread
writes the fragmented MP4. Nothing here touches Qt or the library. See docs/architecture.md."""
