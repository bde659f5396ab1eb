/** An example user module that supplies its own HTTP/2 window manager to hyper through the SPI. */
module com.example.window {
    requires hyper.api;

    provides hyper.api.spi.FlowControlProvider with com.example.window.TracingFlowControlProvider;
}
