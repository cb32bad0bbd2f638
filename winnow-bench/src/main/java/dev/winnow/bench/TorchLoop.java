package dev.winnow.bench;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * Runs {@code scripts/bench/torch_loop.py}, the plain PyTorch loop (same model and settings as {@code winnow
 * train}), in a child process with the given thread count, and reads its per-epoch wall-clock and process
 * CPU seconds.
 */
final class TorchLoop {
    /** Seconds of each epoch, the BLAS library torch loaded, and the final test accuracy; or why none ran. */
    record Result(double[] epochSeconds, double[] epochCpuSeconds, String blas, double testAccuracy, String skipped) {
        boolean ran() {
            return skipped == null;
        }

        /** Debian's reference BLAS (the {@code libblas3} alternative) instead of an optimised one. */
        boolean referenceBlas() {
            return blas != null && blas.contains("/blas/libblas.so");
        }

        static Result skip(String why) {
            return new Result(new double[0], new double[0], null, Double.NaN, why);
        }
    }

    private TorchLoop() {
    }

    /** Finds the script: {@code script} as given, else under the folders above this jar (the repository root). */
    static Path locate(Path script) {
        if (Files.isRegularFile(script) || script.isAbsolute()) {
            return script;
        }
        try {
            Path p = Path.of(TorchLoop.class.getProtectionDomain().getCodeSource().getLocation().toURI());
            for (Path d = p.getParent(); d != null; d = d.getParent()) {
                if (Files.isRegularFile(d.resolve(script))) {
                    return d.resolve(script);
                }
            }
        } catch (Exception e) {
            // no code source: keep the path as given
        }
        return script;
    }

    static Result run(String python, Path script, String model, int epochs, int threads, String dataDir, Integer limit) {
        return run(python, script, model, epochs, threads, dataDir, limit, false);
    }

    /** As above; {@code channelsLast} runs the script's {@code --channels-last} variant (cnn only). */
    static Result run(String python, Path script, String model, int epochs, int threads, String dataDir, Integer limit,
            boolean channelsLast) {
        if (!Files.isRegularFile(script)) {
            return Result.skip(script + " not found");
        }
        if (python.contains("/") && !Files.isExecutable(Path.of(python))) {
            return Result.skip(python + " is not installed");
        }
        List<String> cmd = new ArrayList<>(List.of(python, script.toString(), "--model", model,
                "--epochs", Integer.toString(epochs), "--threads", Integer.toString(threads)));
        if (dataDir != null) {
            cmd.addAll(List.of("--data", dataDir));
        }
        if (limit != null) {
            cmd.addAll(List.of("--limit", Integer.toString(limit)));
        }
        if (channelsLast) {
            cmd.add("--channels-last");
        }
        ProcessBuilder pb = new ProcessBuilder(cmd).redirectErrorStream(true);
        for (String v : List.of("OMP_NUM_THREADS", "OPENBLAS_NUM_THREADS", "MKL_NUM_THREADS")) {
            pb.environment().put(v, Integer.toString(threads));
        }
        List<Double> secs = new ArrayList<>();
        List<Double> cpu = new ArrayList<>();
        String blas = null;
        double acc = Double.NaN;
        StringBuilder other = new StringBuilder();
        try {
            Process p = pb.start();
            try (BufferedReader r = new BufferedReader(new InputStreamReader(p.getInputStream(), StandardCharsets.UTF_8))) {
                for (String line; (line = r.readLine()) != null; ) {
                    String[] f = line.trim().split(" ");
                    if (f.length == 6 && f[0].equals("epoch") && f[2].equals("seconds") && f[4].equals("cpu")) {
                        secs.add(Double.parseDouble(f[3]));
                        cpu.add(Double.parseDouble(f[5]));
                    } else if (f.length == 2 && f[0].equals("blas")) {
                        blas = f[1];
                    } else if (f.length == 2 && f[0].equals("test_accuracy")) {
                        acc = Double.parseDouble(f[1]);
                    } else if (other.length() < 300) {
                        other.append(line.trim()).append(' ');
                    }
                }
            }
            if (!p.waitFor(10, TimeUnit.MINUTES)) {
                p.destroyForcibly();
                return Result.skip("the script did not finish");
            }
            if (p.exitValue() != 0 || secs.size() != epochs) {
                String why = other.toString().trim();
                return Result.skip(why.isEmpty() ? "the script exited with " + p.exitValue() : why);
            }
        } catch (IOException e) {
            return Result.skip("cannot run " + python + ": " + e.getMessage());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return Result.skip("interrupted");
        }
        return new Result(secs.stream().mapToDouble(Double::doubleValue).toArray(),
                cpu.stream().mapToDouble(Double::doubleValue).toArray(), blas, acc, null);
    }
}
