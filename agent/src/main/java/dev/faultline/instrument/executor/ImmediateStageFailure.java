package dev.faultline.instrument.executor;

import net.bytebuddy.asm.AsmVisitorWrapper;
import net.bytebuddy.description.method.MethodDescription;
import net.bytebuddy.description.type.TypeDescription;
import net.bytebuddy.implementation.Implementation;
import net.bytebuddy.jar.asm.Handle;
import net.bytebuddy.jar.asm.Label;
import net.bytebuddy.jar.asm.MethodVisitor;
import net.bytebuddy.jar.asm.Opcodes;
import net.bytebuddy.pool.TypePool;

/**
 * A stage whose source is already complete runs its function at once, on the calling thread, and
 * fails its new future with a plain field write, {@code d.result = encodeThrowable(ex)} (JDK 9 to
 * 25: {@code uniApplyNow}, {@code uniAcceptNow}, {@code uniRunNow}, {@code uniComposeStage},
 * {@code biApplyStage}... and the catch of an executor's rejection in every {@code *Stage}), not
 * through {@code completeThrowable}: no method is called that advice could hook. This visitor
 * finds exactly that pair of instructions and hands the future and the exception to
 * {@code Unobserved.failed} just before the write. The future was created a few instructions
 * earlier by the same method and nobody holds it yet, so no one waits for it. The write is only
 * reached by a failure: nothing changes for a stage that succeeds.
 */
final class ImmediateStageFailure implements AsmVisitorWrapper.ForDeclaredMethods.MethodVisitorWrapper {
    private static final String FUTURE = "java/util/concurrent/CompletableFuture";
    private static final String ENCODE_DESCRIPTOR = "(Ljava/lang/Throwable;)L" + FUTURE + "$AltResult;";

    @Override
    public MethodVisitor wrap(TypeDescription type, MethodDescription method, MethodVisitor visitor,
            Implementation.Context context, TypePool pool, int writerFlags, int readerFlags) {
        return new Rewriter(visitor);
    }

    /** Holds back each {@code encodeThrowable(Throwable)} call until the next instruction shows what it feeds. */
    static final class Rewriter extends MethodVisitor {
        private boolean encodeHeld;

        Rewriter(MethodVisitor visitor) {
            super(Opcodes.ASM9, visitor);
        }

        @Override
        public void visitMethodInsn(int opcode, String owner, String name, String descriptor, boolean isInterface) {
            flush();
            if (opcode == Opcodes.INVOKESTATIC && owner.equals(FUTURE) && name.equals("encodeThrowable")
                    && descriptor.equals(ENCODE_DESCRIPTOR)) {
                encodeHeld = true;
                return;
            }
            super.visitMethodInsn(opcode, owner, name, descriptor, isInterface);
        }

        @Override
        public void visitFieldInsn(int opcode, String owner, String name, String descriptor) {
            if (encodeHeld && opcode == Opcodes.PUTFIELD && owner.equals(FUTURE) && name.equals("result")
                    && descriptor.equals("Ljava/lang/Object;")) {
                encodeHeld = false;
                // stack: future, throwable -> future, throwable, future, throwable
                super.visitInsn(Opcodes.DUP2);
                super.visitMethodInsn(Opcodes.INVOKESTATIC, "dev/faultline/bootstrap/Unobserved", "failed",
                        "(Ljava/lang/Object;Ljava/lang/Throwable;)V", false);
                encode();
            } else {
                flush();
            }
            super.visitFieldInsn(opcode, owner, name, descriptor);
        }

        @Override
        public void visitMaxs(int maxStack, int maxLocals) {
            flush();
            super.visitMaxs(maxStack + 2, maxLocals);
        }

        @Override
        public void visitInsn(int opcode) {
            flush();
            super.visitInsn(opcode);
        }

        @Override
        public void visitVarInsn(int opcode, int var) {
            flush();
            super.visitVarInsn(opcode, var);
        }

        @Override
        public void visitTypeInsn(int opcode, String type) {
            flush();
            super.visitTypeInsn(opcode, type);
        }

        @Override
        public void visitJumpInsn(int opcode, Label label) {
            flush();
            super.visitJumpInsn(opcode, label);
        }

        @Override
        public void visitLabel(Label label) {
            flush();
            super.visitLabel(label);
        }

        @Override
        public void visitIntInsn(int opcode, int operand) {
            flush();
            super.visitIntInsn(opcode, operand);
        }

        @Override
        public void visitLdcInsn(Object value) {
            flush();
            super.visitLdcInsn(value);
        }

        @Override
        public void visitIincInsn(int var, int increment) {
            flush();
            super.visitIincInsn(var, increment);
        }

        @Override
        public void visitTableSwitchInsn(int min, int max, Label dflt, Label... labels) {
            flush();
            super.visitTableSwitchInsn(min, max, dflt, labels);
        }

        @Override
        public void visitLookupSwitchInsn(Label dflt, int[] keys, Label[] labels) {
            flush();
            super.visitLookupSwitchInsn(dflt, keys, labels);
        }

        @Override
        public void visitMultiANewArrayInsn(String descriptor, int numDimensions) {
            flush();
            super.visitMultiANewArrayInsn(descriptor, numDimensions);
        }

        @Override
        public void visitInvokeDynamicInsn(String name, String descriptor, Handle bootstrap, Object... arguments) {
            flush();
            super.visitInvokeDynamicInsn(name, descriptor, bootstrap, arguments);
        }

        @Override
        public void visitFrame(int type, int numLocal, Object[] local, int numStack, Object[] stack) {
            flush();
            super.visitFrame(type, numLocal, local, numStack, stack);
        }

        @Override
        public void visitLineNumber(int line, Label start) {
            flush();
            super.visitLineNumber(line, start);
        }

        @Override
        public void visitEnd() {
            flush();
            super.visitEnd();
        }

        private void flush() {
            if (encodeHeld) {
                encodeHeld = false;
                encode();
            }
        }

        private void encode() {
            super.visitMethodInsn(Opcodes.INVOKESTATIC, FUTURE, "encodeThrowable", ENCODE_DESCRIPTOR, false);
        }
    }
}
