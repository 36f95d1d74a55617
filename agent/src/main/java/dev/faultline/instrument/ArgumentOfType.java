package dev.faultline.instrument;

import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;
import net.bytebuddy.asm.Advice;
import net.bytebuddy.description.annotation.AnnotationDescription;
import net.bytebuddy.description.method.ParameterDescription;
import net.bytebuddy.description.type.TypeDescription;

/**
 * An advice parameter bound to the instrumented method's first parameter of the same type,
 * wherever it stands: one advice for a library's entries that take the same values in another
 * order (Log4j2's {@code logMessage(fqcn, level, marker, message, thrown)} and
 * {@code log(level, marker, fqcn, location, message, thrown)}). Advice is inlined into the
 * library's classes and cannot call a helper of ours, so sharing the advice is the way to share
 * its code. Resolved when the method is woven; a method without such a parameter is a mistake of
 * the instrumentation's matcher ({@link IllegalStateException}, the type is left unwoven).
 */
@Retention(RetentionPolicy.RUNTIME)
@Target(ElementType.PARAMETER)
public @interface ArgumentOfType {
    /** The binding, installed for every advice by {@link Advices#of}. */
    Advice.OffsetMapping.Factory<ArgumentOfType> BINDING = new Advice.OffsetMapping.Factory<ArgumentOfType>() {
        @Override
        public Class<ArgumentOfType> getAnnotationType() {
            return ArgumentOfType.class;
        }

        @Override
        public Advice.OffsetMapping make(ParameterDescription.InDefinedShape target,
                AnnotationDescription.Loadable<ArgumentOfType> annotation, AdviceType adviceType) {
            TypeDescription wanted = target.getType().asErasure();
            return (instrumentedType, method, assigner, arguments, sort) -> {
                for (ParameterDescription p : method.getParameters()) {
                    if (p.getType().asErasure().equals(wanted)) {
                        return new Advice.OffsetMapping.Target.ForVariable.ReadOnly(p.getType(), arguments.argument(p.getOffset()));
                    }
                }
                throw new IllegalStateException(method + " takes no " + wanted.getName());
            };
        }
    };
}
