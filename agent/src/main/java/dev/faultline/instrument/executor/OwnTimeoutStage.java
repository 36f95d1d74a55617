package dev.faultline.instrument.executor;

import net.bytebuddy.asm.AsmVisitorWrapper;
import net.bytebuddy.description.method.MethodDescription;
import net.bytebuddy.description.type.TypeDescription;
import net.bytebuddy.implementation.Implementation;
import net.bytebuddy.jar.asm.MethodVisitor;
import net.bytebuddy.jar.asm.Opcodes;
import net.bytebuddy.pool.TypePool;

/**
 * {@code orTimeout} attaches a stage of its own, {@code whenComplete(new Canceller(..))}, that
 * cancels the timer. That call is not the application attaching a stage, so it must not end the
 * watch of a failure: on JDK 17 {@code orTimeout} schedules the timer first and attaches after,
 * so the timer may already have failed the future. The call (in {@code orTimeout} on JDK 9 to 17,
 * {@code arrangeTimeout} on JDK 25) is sent to what {@code whenComplete} itself calls,
 * {@code uniWhenCompleteStage(null, action)}, which the attach hook does not see.
 */
final class OwnTimeoutStage implements AsmVisitorWrapper.ForDeclaredMethods.MethodVisitorWrapper {
    private static final String FUTURE = "java/util/concurrent/CompletableFuture";

    @Override
    public MethodVisitor wrap(TypeDescription type, MethodDescription method, MethodVisitor visitor,
            Implementation.Context context, TypePool pool, int writerFlags, int readerFlags) {
        return new MethodVisitor(Opcodes.ASM9, visitor) {
            @Override
            public void visitMethodInsn(int opcode, String owner, String name, String descriptor, boolean isInterface) {
                if (opcode == Opcodes.INVOKEVIRTUAL && owner.equals(FUTURE) && name.equals("whenComplete")
                        && descriptor.equals("(Ljava/util/function/BiConsumer;)L" + FUTURE + ";")) {
                    super.visitInsn(Opcodes.ACONST_NULL); // future, action -> future, action, null
                    super.visitInsn(Opcodes.SWAP); // -> future, null, action
                    super.visitMethodInsn(Opcodes.INVOKESPECIAL, FUTURE, "uniWhenCompleteStage",
                            "(Ljava/util/concurrent/Executor;Ljava/util/function/BiConsumer;)L" + FUTURE + ";", false);
                    return;
                }
                super.visitMethodInsn(opcode, owner, name, descriptor, isInterface);
            }

            @Override
            public void visitMaxs(int maxStack, int maxLocals) {
                super.visitMaxs(maxStack + 1, maxLocals);
            }
        };
    }
}
