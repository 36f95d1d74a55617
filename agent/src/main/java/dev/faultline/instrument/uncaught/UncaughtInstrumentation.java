package dev.faultline.instrument.uncaught;

import dev.faultline.instrument.ClassRewriter;
import net.bytebuddy.jar.asm.ClassReader;
import net.bytebuddy.jar.asm.ClassVisitor;
import net.bytebuddy.jar.asm.ClassWriter;
import net.bytebuddy.jar.asm.MethodVisitor;
import net.bytebuddy.jar.asm.Opcodes;

/**
 * {@code java.lang.Thread#dispatchUncaughtException(Throwable)}: the JVM calls it on the dying
 * thread (the main thread included, when the launcher detaches it) before any uncaught-exception
 * handler runs, on JDK 11 to 25 and for virtual threads. One call to the bridge
 * ({@code Uncaught.dispatch(this, e)}) is inserted at its start; the method then runs as before,
 * so the application's own handler still runs and may call {@code System.exit}: the event is
 * already queued, and the agent's shutdown hook flushes it.
 *
 * <p>Why plain ASM rather than Byte Buddy advice: this hook must be live from the first
 * instruction of {@code main} (an application that fails at start-up is the one most worth
 * recording), so {@code Thread} is retransformed in premain, where loading Byte Buddy would cost
 * the application a second of start-up. Reading and writing one class with ASM costs a few
 * milliseconds; the inserted call is a static method of the bridge that never throws: it catches
 * what goes wrong inside it and counts it in {@code advice_errors}, as the Byte Buddy advice's
 * exception handler does (see {@code Advices}), so no handler is woven around it here.
 */
public final class UncaughtInstrumentation implements ClassRewriter {
    private static final String METHOD = "dispatchUncaughtException";
    private static final String DESCRIPTOR = "(Ljava/lang/Throwable;)V";

    @Override
    public byte[] rewrite(byte[] classfile) {
        ClassReader reader = new ClassReader(classfile);
        ClassWriter writer = new ClassWriter(reader, 0);
        Inserter inserter = new Inserter(writer);
        reader.accept(inserter, 0);
        return inserter.found ? writer.toByteArray() : null;
    }

    private static final class Inserter extends ClassVisitor {
        boolean found;

        Inserter(ClassVisitor next) {
            super(Opcodes.ASM9, next);
        }

        @Override
        public MethodVisitor visitMethod(int access, String name, String descriptor, String signature, String[] exceptions) {
            MethodVisitor mv = super.visitMethod(access, name, descriptor, signature, exceptions);
            if (!METHOD.equals(name) || !DESCRIPTOR.equals(descriptor) || (access & Opcodes.ACC_STATIC) != 0) {
                return mv;
            }
            found = true;
            return new MethodVisitor(Opcodes.ASM9, mv) {
                @Override
                public void visitCode() {
                    super.visitCode();
                    super.visitVarInsn(Opcodes.ALOAD, 0);
                    super.visitVarInsn(Opcodes.ALOAD, 1);
                    super.visitMethodInsn(Opcodes.INVOKESTATIC, "dev/faultline/bootstrap/Uncaught", "dispatch",
                            "(Ljava/lang/Thread;Ljava/lang/Throwable;)V", false);
                }

                @Override
                public void visitMaxs(int maxStack, int maxLocals) {
                    super.visitMaxs(Math.max(maxStack, 2), maxLocals);
                }
            };
        }
    }
}
