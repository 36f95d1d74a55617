package dev.faultline.instrument;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.concurrent.Callable;
import net.bytebuddy.dynamic.ClassFileLocator;
import net.bytebuddy.pool.TypePool;
import org.junit.jupiter.api.Test;

class ClassFilesThenLoadedTypesTest {
    /** Stands for a helper type another agent defined without a class file anyone can read. */
    interface InjectedMarker {
    }

    @Test
    void describesATypeWithNoClassFileFromTheLoadedClass() {
        TypePool pool = new ClassFilesThenLoadedTypes(ClassFileLocator.NoOp.INSTANCE, InjectedMarker.class.getClassLoader());
        TypePool.Resolution marker = pool.describe(InjectedMarker.class.getName());
        assertTrue(marker.isResolved());
        assertTrue(marker.resolve().isInterface());
        assertEquals(Callable.class.getName(), pool.describe(Callable.class.getName()).resolve().getName(), "boot types too");
    }

    @Test
    void leavesATypeThatNeitherHasNorLoadsUnresolved() {
        TypePool pool = new ClassFilesThenLoadedTypes(ClassFileLocator.NoOp.INSTANCE, getClass().getClassLoader());
        assertFalse(pool.describe("com.example.NoSuchType").isResolved());
    }
}
