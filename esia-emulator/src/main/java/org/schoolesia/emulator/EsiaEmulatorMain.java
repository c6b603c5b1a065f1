package org.schoolesia.emulator;

import java.nio.file.Path;
import java.util.concurrent.CountDownLatch;

/** {@code java -jar esia-emulator.jar --config realm-config/esia-emulator.json --port 8081}. */
public final class EsiaEmulatorMain {
    private EsiaEmulatorMain() {
    }

    public static void main(String[] args) throws InterruptedException {
        String config = "realm-config/esia-emulator.json";
        int port = 8081;
        for (int i = 0; i < args.length; i++) {
            switch (args[i]) {
                case "--config" -> config = value(args, ++i);
                case "--port" -> port = Integer.parseInt(value(args, ++i));
                case "-h", "--help" -> {
                    System.out.println("usage: java -jar esia-emulator.jar [--config esia-emulator.json] [--port 8081]");
                    return;
                }
                default -> {
                    System.err.println("unknown argument: " + args[i]);
                    System.exit(2);
                }
            }
        }
        EsiaEmulator emu = EsiaEmulator.start(EmulatorConfig.load(Path.of(config)), port);
        Runtime.getRuntime().addShutdownHook(new Thread(emu::stop));
        System.out.println("ESIA emulator listening on " + emu.baseUrl());
        System.out.flush();
        new CountDownLatch(1).await();
    }

    private static String value(String[] args, int i) {
        if (i >= args.length) {
            System.err.println("missing value for " + args[i - 1]);
            System.exit(2);
        }
        return args[i];
    }
}
