/**
 * The {@code hyper} command (seed §3.2): {@code hyper [-h] [--version] [--debug] [METHOD] URL [REQUEST_ITEM ...]}.
 *
 * <p>Compiled against {@code hyper.api} only; the engine ({@code hyper.impl}) is found at run time through
 * {@link java.util.ServiceLoader}. {@code java.logging} is needed for {@code --debug}, which routes hyper's
 * {@link System.Logger} output to a console handler.
 */
module hyper.cli {
    requires hyper.api;
    requires java.logging;
}
