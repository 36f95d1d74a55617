package dev.faultline.instrument;

import dev.faultline.core.Diag;
import java.io.File;
import java.io.FileInputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.FileAttribute;
import java.nio.file.attribute.PosixFilePermission;
import java.nio.file.attribute.PosixFilePermissions;
import java.nio.file.attribute.UserPrincipal;
import java.util.EnumSet;
import java.util.HashMap;
import java.util.Map;
import java.util.Set;
import java.util.zip.Adler32;
import java.util.zip.CRC32;

/**
 * Woven class files kept on disk between runs, so that a JVM restarted with the same libraries
 * and the same agent build weaves nothing and never loads Byte Buddy: start-up time in real
 * applications went to the first weave on the application's class-loading thread (BENCHMARKS.md,
 * Start-up of real applications).
 *
 * <p>An entry is keyed by checksums of the class's name and its class file as the JVM handed it
 * to the agent (after any other agent's change, see {@link #key}), inside a directory per agent build (the jar's
 * size and modification time). The result of a weave depends on that class file and, for a few
 * instrumentations, on the shape of another type of the same library (Logback's event, Log4j2's
 * ThreadContext), which ships in the same jar as the class. A decision to leave a class unchanged
 * is kept too.
 *
 * <p>The entries are code the JVM will run, so the directory is the user's alone:
 * {@code <java.io.tmpdir>/faultline-woven-<user>}, created owner-only ({@code rwx------}), used
 * only when it is not a link, is owned by the user running the JVM and grants nothing to group or
 * others; files are written owner-only and moved into place whole. Such a directory that cannot
 * be written (an image's cache under a read-only root file system) is read, and new entries are
 * kept in memory. Anything else (no POSIX file system, a foreign directory, none that can be
 * made) keeps the entries in memory only, for this JVM (one debug line says which): every start
 * is then a first start, whose targets are woven ahead of their load ({@link AheadOfLoad}) and
 * handed over here, so that the application's thread finds them woven instead of weaving for
 * 200-350 ms of a Spring Boot start per class. Size: a few hundred kilobytes per agent build
 * (684 KB for the largest on this project's build machine, after its tests and start-up
 * benchmarks); in memory at most {@value #MEMORY_BYTES} bytes, past which nothing more is kept.
 */
final class WovenCache {
    /** {@link #get}: the class was left unchanged last time. */
    static final byte[] UNCHANGED = new byte[0];
    private static final Set<PosixFilePermission> OWNER_ONLY = PosixFilePermissions.fromString("rwx------");
    private static final FileAttribute<Set<PosixFilePermission>> OWNER_READ_WRITE = PosixFilePermissions.asFileAttribute(
            EnumSet.of(PosixFilePermission.OWNER_READ, PosixFilePermission.OWNER_WRITE));
    /** Name prefix of the entries of plain rewrites, kept apart from a weave of the same class file. */
    private static final String PLAIN = "plain-";
    private static final byte[] MAGIC = {(byte) 0xCA, (byte) 0xFE, (byte) 0xBA, (byte) 0xBE};

    /** What a cache without a usable directory keeps in memory at most, in bytes of woven class files. */
    static final int MEMORY_BYTES = 2 << 20;

    private final Path dir;
    /** The directory is read, never written (read-only file system): new entries go to {@link #memory}. */
    private final boolean readOnly;
    /** The new entries when there is no directory or it is read-only: key to woven class file, {@link #UNCHANGED} for a class left unchanged. */
    private final Map<String, byte[]> memory;
    /** Guarded by {@code memory}: the bytes it holds. */
    private int memoryBytes;

    private WovenCache(Path dir, boolean readOnly) {
        this.dir = dir;
        this.readOnly = readOnly;
        this.memory = dir == null || readOnly ? new HashMap<String, byte[]>() : null;
    }

    /** The cache for this agent build, or one that keeps nothing when the directory is not safe to use. */
    static WovenCache open() {
        try {
            File jar = new File(WovenCache.class.getProtectionDomain().getCodeSource().getLocation().toURI());
            String user = safeName(System.getProperty("user.name", ""));
            return open(Paths.get(System.getProperty("java.io.tmpdir"), "faultline-woven-" + user),
                    Long.toHexString(jar.length()) + "-" + Long.toHexString(jar.lastModified()));
        } catch (Throwable t) {
            return off(t);
        }
    }

    /** The cache of agent build {@code build} under {@code base}, or one that keeps nothing. */
    static WovenCache open(Path base, String build) {
        try {
            return new WovenCache(privateDirectory(privateDirectory(base).resolve(build)), false);
        } catch (Throwable t) {
            WovenCache image = readOnly(base, build);
            if (image != null) {
                Diag.debug("woven-class cache read-only, new entries kept in memory: " + t);
                return image;
            }
            return off(t);
        }
    }

    /**
     * The cache of build {@code build} under {@code base} as a directory this JVM may read but not
     * write (an image's cache under a read-only root file system), or null when it is not one
     * of the user's alone: a directory, not a link, owned by {@code user.name} (the JVM takes it
     * from the same user database as the file system's owner names) and granting nothing to
     * group or others, as {@link #privateDirectory} checks it, without its probe file.
     */
    static WovenCache readOnly(Path base, String build) {
        try {
            String me = System.getProperty("user.name");
            for (Path d : new Path[] {base, base.resolve(build)}) {
                if (!Files.isDirectory(d, LinkOption.NOFOLLOW_LINKS)
                        || !Files.getOwner(d, LinkOption.NOFOLLOW_LINKS).getName().equals(me)
                        || !OWNER_ONLY.containsAll(Files.getPosixFilePermissions(d, LinkOption.NOFOLLOW_LINKS))) {
                    return null;
                }
            }
            return new WovenCache(base.resolve(build), true);
        } catch (Throwable t) {
            return null;
        }
    }

    private static WovenCache off(Throwable why) {
        Diag.debug("woven-class cache in memory only, every start weaves its classes (ahead of their load): " + why);
        return new WovenCache(null, false);
    }

    /**
     * True on the first start of {@code application} (the JVM's command: its jar or main class)
     * with this agent build and a working cache, which this call then marks (an owner-only empty
     * file {@code started-<checksum>}): its targets are then not in the cache yet, and are woven
     * ahead of their load ({@link AheadOfLoad}). A cache that holds another application's
     * classes says nothing of this one's. Always true when the cache is in memory only; false
     * when the mark cannot be made.
     */
    boolean firstStartOf(String application) {
        if (dir == null) {
            return true;
        }
        if (readOnly) {
            // Not started with this build when the cache was made: woven ahead, handed over in memory.
            return !Files.exists(startedMark(application), LinkOption.NOFOLLOW_LINKS);
        }
        try {
            Files.createFile(startedMark(application), OWNER_READ_WRITE);
            return true;
        } catch (IOException | RuntimeException e) {
            // FileAlreadyExistsException: started before; anything else: not markable, not woven ahead
            return false;
        }
    }

    private Path startedMark(String application) {
        return dir.resolve("started-" + checksums(application, new byte[0]));
    }

    /** The woven class file kept for this class file, {@link #UNCHANGED}, or null when none is kept. */
    byte[] get(String className, byte[] classfile) {
        return get(className, classfile, false);
    }

    /** {@link #get(String, byte[])} of a plain rewrite ({@code plain}, see {@link ClassRewriter}) or of a weave. */
    byte[] get(String className, byte[] classfile, boolean plain) {
        try {
            String key = key(className, classfile, plain);
            if (memory != null) {
                byte[] kept;
                synchronized (memory) {
                    kept = memory.get(key);
                }
                if (kept != null || dir == null) {
                    return kept;
                }
            }
            if (Files.exists(dir.resolve(key + ".none"), LinkOption.NOFOLLOW_LINKS)) {
                return UNCHANGED;
            }
            Path woven = dir.resolve(key + ".class");
            if (!Files.exists(woven, LinkOption.NOFOLLOW_LINKS)) {
                return null;
            }
            byte[] bytes;
            try (FileInputStream in = new FileInputStream(woven.toFile())) {
                bytes = in.readAllBytes();
            }
            return isClassFile(bytes) ? bytes : null;
        } catch (Throwable t) {
            return null;
        }
    }

    /** Keeps what this class file was woven to ({@code woven} null: left unchanged). Never throws. */
    void put(String className, byte[] classfile, byte[] woven) {
        put(className, classfile, woven, false);
    }

    /** {@link #put(String, byte[], byte[])} of a plain rewrite ({@code plain}) or of a weave. */
    void put(String className, byte[] classfile, byte[] woven, boolean plain) {
        try {
            String key = key(className, classfile, plain);
            if (memory != null) {
                byte[] kept = woven == null ? UNCHANGED : woven;
                synchronized (memory) {
                    if (memoryBytes + kept.length <= MEMORY_BYTES && memory.put(key, kept) == null) {
                        memoryBytes += kept.length;
                    }
                }
                return;
            }
            Path target = dir.resolve(key + (woven == null ? ".none" : ".class"));
            Path temp = newFile(dir, key);
            try {
                Files.write(temp, woven == null ? new byte[0] : woven);
                // Whole or not at all: a JVM starting meanwhile never reads half a class file.
                Files.move(temp, target, StandardCopyOption.ATOMIC_MOVE);
            } finally {
                Files.deleteIfExists(temp);
            }
        } catch (Throwable t) {
            Diag.debug("could not keep the woven " + className + ": " + t);
        }
    }

    /**
     * Two 32-bit checksums of the name and the class file, and its length: CRC-32 and Adler-32,
     * both native even in the interpreter, cost about 1 ms cold (CRC32C, Java code until the JIT
     * compiles it, 2-3 ms; SHA-256's provider set-up about 45 ms) on the application's
     * class-loading thread; an accidental match of all three for two
     * versions of one class is far less likely than a disk error (entries are the user's own, so
     * the key need not resist a chosen collision).
     */
    private static String key(String className, byte[] classfile, boolean plain) {
        return (plain ? PLAIN : "") + checksums(className, classfile) + "-" + Integer.toHexString(classfile.length);
    }

    /** {@code <CRC-32>-<Adler-32>} of {@code name}'s UTF-8 bytes followed by {@code more}, in hex. */
    private static String checksums(String name, byte[] more) {
        byte[] bytes = name.getBytes(StandardCharsets.UTF_8);
        CRC32 crc = new CRC32();
        crc.update(bytes);
        crc.update(more);
        Adler32 adler = new Adler32();
        adler.update(bytes);
        adler.update(more);
        return Long.toHexString(crc.getValue()) + "-" + Long.toHexString(adler.getValue());
    }

    /**
     * A new owner-only file {@code <prefix>-<thread>-<nanos>.tmp} (the probe of {@link
     * #privateDirectory} is made the same way), not {@code Files.createTempFile}:
     * its name comes from a {@code SecureRandom}, whose provider set-up and seeding cost tens of
     * milliseconds (premain opens this cache for {@code java.lang.Thread}). Two JVMs that pick
     * the same name fail to create it, and only that entry is not kept.
     */
    private static Path newFile(Path dir, String prefix) throws IOException {
        return Files.createFile(dir.resolve(prefix + "-" + Thread.currentThread().getId() + "-"
                + Long.toHexString(System.nanoTime()) + ".tmp"), OWNER_READ_WRITE);
    }

    /** {@code name} with every character but letters, digits, '.', '_' and '-' as '_' (no regular expression in premain). */
    static String safeName(String name) {
        StringBuilder safe = new StringBuilder(name.length());
        for (int i = 0; i < name.length(); i++) {
            char c = name.charAt(i);
            boolean plain = c >= 'a' && c <= 'z' || c >= 'A' && c <= 'Z' || c >= '0' && c <= '9' || c == '.' || c == '_' || c == '-';
            safe.append(plain ? c : '_');
        }
        return safe.toString();
    }

    private static boolean isClassFile(byte[] bytes) {
        if (bytes.length < MAGIC.length) {
            return false;
        }
        for (int i = 0; i < MAGIC.length; i++) {
            if (bytes[i] != MAGIC[i]) {
                return false;
            }
        }
        return true;
    }

    /** {@code dir}, created owner-only when absent; refused unless it is a directory of this user's alone. */
    private static Path privateDirectory(Path dir) throws IOException {
        try {
            Files.createDirectory(dir, PosixFilePermissions.asFileAttribute(OWNER_ONLY));
        } catch (FileAlreadyExistsException e) {
            // checked below like a new one
        }
        if (!Files.isDirectory(dir, LinkOption.NOFOLLOW_LINKS)) {
            throw new IOException(dir + " is not a directory");
        }
        File probe = dir.resolve("owner-" + Thread.currentThread().getId() + "-" + Long.toHexString(System.nanoTime())
                + ".tmp").toFile();
        if (!probe.createNewFile()) {
            throw new IOException("cannot create " + probe);
        }
        UserPrincipal me;
        try {
            me = Files.getOwner(probe.toPath(), LinkOption.NOFOLLOW_LINKS);
        } finally {
            probe.delete();
        }
        if (!me.equals(Files.getOwner(dir, LinkOption.NOFOLLOW_LINKS))) {
            throw new IOException(dir + " belongs to another user");
        }
        if (!OWNER_ONLY.containsAll(Files.getPosixFilePermissions(dir, LinkOption.NOFOLLOW_LINKS))) {
            throw new IOException(dir + " is open to group or others");
        }
        return dir;
    }
}
