/** An example user module: it needs nothing but hyper.api; implementations are found on the module path. */
module com.example.consumer {
    requires hyper.api;
}
