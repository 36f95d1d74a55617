package dev.faultline.capture;

/** Where an error happened: the frame a person should open first. */
final class Location {
    final String className;
    final String method;
    final String fileName;
    final int line;

    Location(String className, String method, String fileName, int line) {
        this.className = className;
        this.method = method;
        this.fileName = fileName;
        this.line = line;
    }

    static Location of(StackTraceElement frame) {
        return new Location(frame.getClassName(), frame.getMethodName(), frame.getFileName(), frame.getLineNumber());
    }

    /** Package path plus file name: {@code com/example/shop/OrderService.java}. */
    String file() {
        if (className == null) {
            return null;
        }
        int dot = className.lastIndexOf('.');
        String dir = dot < 0 ? "" : className.substring(0, dot).replace('.', '/') + "/";
        String name = fileName;
        if (name == null) {
            String simple = className.substring(dot + 1);
            int inner = simple.indexOf('$');
            name = (inner > 0 ? simple.substring(0, inner) : simple) + ".java";
        }
        return dir + name;
    }
}
