import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import dev.langchain4j.data.segment.TextSegment;
import dev.langchain4j.model.embedding.EmbeddingModel;
import dev.langchain4j.model.embedding.onnx.bgesmallenv15q.BgeSmallEnV15QuantizedEmbeddingModel;

/**
 * Raw embedding rate of the service's model on given passages (one per line), in batches as the service embeds them,
 * with nothing else around: no HTTP, no cleaning, no database. Run by docs/benchmarks/run.sh on the chunks it has
 * just ingested, with the packaged application's libraries on the class path.
 */
public class EmbeddingRate {

    public static void main(String[] args) throws Exception {
        List<String> passages = Files.readAllLines(Path.of(args[0]));
        int batchSize = args.length > 1 ? Integer.parseInt(args[1]) : 16;
        EmbeddingModel model = new BgeSmallEnV15QuantizedEmbeddingModel();
        model.embed("warm-up");
        long started = System.nanoTime();
        for (int from = 0; from < passages.size(); from += batchSize) {
            model.embedAll(passages.subList(from, Math.min(passages.size(), from + batchSize)).stream()
                    .map(TextSegment::from).toList());
        }
        double seconds = (System.nanoTime() - started) / 1e9;
        System.out.printf("raw embedding rate, same %d chunks, batches of %d, plain JVM: %.1f s, %.1f chunks/s%n",
                passages.size(), batchSize, seconds, passages.size() / seconds);
    }
}
