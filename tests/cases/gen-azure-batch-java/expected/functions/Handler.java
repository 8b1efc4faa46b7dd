// Azure Functions custom handler of nightly-settlement (Java 21, JDK only).
// Build: javac -d build Handler.java; host.json runs java -cp build Handler.
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;

public class Handler {
	public static void main(String[] args) throws IOException {
		String port = System.getenv().getOrDefault("FUNCTIONS_CUSTOMHANDLER_PORT", "8080");
		HttpServer server = HttpServer.create(new InetSocketAddress("127.0.0.1", Integer.parseInt(port)), 0);
		// Every function: /api, /worker, /job, /stream. Replace the answers.
		server.createContext("/", exchange -> {
			exchange.getRequestBody().readAllBytes();
			String name = exchange.getRequestURI().getPath().substring(1);
			String ret = name.equals("api")
				? "{\"statusCode\":200,\"body\":\"{\\\"ok\\\":true}\"}"
				: "null";
			byte[] out = ("{\"Outputs\":{},\"Logs\":[\"" + name + "\"],\"ReturnValue\":" + ret + "}")
				.getBytes(StandardCharsets.UTF_8);
			exchange.getResponseHeaders().set("Content-Type", "application/json");
			exchange.sendResponseHeaders(200, out.length);
			try (OutputStream os = exchange.getResponseBody()) {
				os.write(out);
			}
		});
		server.start();
	}
}
