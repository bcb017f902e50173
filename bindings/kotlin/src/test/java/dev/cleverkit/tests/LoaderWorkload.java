package dev.cleverkit.tests;

import dev.cleverkit.AsyncClient;
import dev.cleverkit.CleverKit;
import dev.cleverkit.Client;
import dev.cleverkit.ClientOptions;
import dev.cleverkit.OAuth1Credentials;
import dev.cleverkit.RequestToSign;
import java.util.concurrent.Callable;
import java.util.concurrent.TimeUnit;

/**
 * What an application does with the library, run by {@link ClassLoaderChild} in each fresh class
 * loader: signs a request, makes a blocking and an async call against the stand-in, closes all.
 * Arguments come as system properties (the loader's classes cannot see the child's).
 */
public class LoaderWorkload implements Callable<String> {
    @Override
    public String call() throws Exception {
        String api = System.getProperty("cleverkit.leak.api");
        try (var credentials = new OAuth1Credentials(System.getProperty("cleverkit.leak.consumerKey"),
                System.getProperty("cleverkit.leak.consumerSecret"), System.getProperty("cleverkit.leak.token"),
                System.getProperty("cleverkit.leak.tokenSecret"))) {
            var signed = CleverKit.signRequest(new RequestToSign("GET", api + "/v2/self"), credentials);
            var options = new ClientOptions(api, api);
            try (var client = Client.withOauth1(credentials, options);
                 var async = AsyncClient.withOauth1(credentials, options)) {
                return signed.getAuthorization().substring(0, 6) + " " + client.myself().getId() + " "
                        + async.zonesFuture().get(30, TimeUnit.SECONDS).size();
            }
        }
    }
}
