package com.example.window;

import hyper.api.Http2Connection;
import hyper.api.Hyper;
import hyper.api.Response;
import hyper.api.spi.FlowControlProvider;
import hyper.api.spi.Providers;

/** {@code Download host:port path}: lists the flow-control providers found, then GETs the path over h2c. */
public final class Download {
    private Download() {
    }

    public static void main(String[] args) throws Exception {
        for (FlowControlProvider p : Providers.all(FlowControlProvider.class)) {
            System.out.println("flow-control provider: " + p.name() + " priority=" + p.priority()
                    + " from module " + p.getClass().getModule().getName());
        }
        System.out.println("chosen: " + FlowControlProvider.select(null).name());
        hyper.api.ConnectionOptions options = hyper.api.ConnectionOptions.builder().secure(false).build();
        try (Http2Connection c = Hyper.http2(args[0], options)) {
            Response r = c.getResponse(c.request("GET", args[1]));
            System.out.println("status " + r.status() + ", body " + r.read().length + " octets");
        }
    }
}
