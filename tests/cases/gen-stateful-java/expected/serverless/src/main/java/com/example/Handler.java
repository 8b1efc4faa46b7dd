// Handlers of ledger-worker (Java 21). No dependencies: Lambda passes the event
// as a Map. Build: javac -d build src/main/java/com/example/Handler.java
//        && jar cf target/handler.jar -C build .
package com.example;

import java.util.List;
import java.util.Map;

public class Handler {
	/* SQS batch: an empty failure list acknowledges every message. */
	public Map<String, Object> worker(Map<String, Object> event) {
		return Map.of("batchItemFailures", List.of());
	}
}
