package io.crosscheck.bench;

import java.io.BufferedInputStream;
import java.io.BufferedOutputStream;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.EOFException;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/** Vectors of base texts by text, kept in a file between runs (under target/, so `mvn clean` forgets them). */
final class VectorCache {

    private final Path file;
    private final Map<String, float[]> vectors = new ConcurrentHashMap<>();
    private int saved;

    VectorCache(Path file) {
        this.file = file;
        if (Files.exists(file)) {
            try (DataInputStream in = new DataInputStream(new BufferedInputStream(Files.newInputStream(file)))) {
                while (true) {
                    byte[] text = new byte[in.readInt()];
                    in.readFully(text);
                    float[] v = new float[in.readInt()];
                    for (int i = 0; i < v.length; i++) {
                        v[i] = in.readFloat();
                    }
                    vectors.put(new String(text, StandardCharsets.UTF_8), v);
                }
            } catch (EOFException end) {
                saved = vectors.size();
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }
    }

    float[] get(String text) {
        return vectors.get(text);
    }

    void put(String text, float[] vector) {
        vectors.put(text, vector);
    }

    int size() {
        return vectors.size();
    }

    synchronized void save() {
        if (saved == vectors.size()) {
            return;
        }
        try {
            Files.createDirectories(file.getParent());
            Path tmp = file.resolveSibling(file.getFileName() + ".tmp");
            try (DataOutputStream out = new DataOutputStream(new BufferedOutputStream(Files.newOutputStream(tmp)))) {
                for (Map.Entry<String, float[]> e : vectors.entrySet()) {
                    byte[] text = e.getKey().getBytes(StandardCharsets.UTF_8);
                    out.writeInt(text.length);
                    out.write(text);
                    out.writeInt(e.getValue().length);
                    for (float f : e.getValue()) {
                        out.writeFloat(f);
                    }
                }
            }
            Files.move(tmp, file, java.nio.file.StandardCopyOption.REPLACE_EXISTING);
            saved = vectors.size();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
