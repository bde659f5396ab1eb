/**
 * The flow-control managers hyper ships (seed §3.1.7), as {@link hyper.api.spi.FlowControlProvider}s:
 * {@code "seed"}, the seed's {@code FlowControlManager}, and {@code "auto"} (the default), which sizes the windows to the
 * bandwidth-delay product measured with PING. See {@code hyper.impl/FLOW-CONTROL.md}.
 */
package hyper.impl.flow;
