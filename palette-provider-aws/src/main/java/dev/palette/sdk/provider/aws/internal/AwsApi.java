package dev.palette.sdk.provider.aws.internal;

import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.function.Supplier;
import software.amazon.awssdk.services.ec2.Ec2AsyncClient;
import software.amazon.awssdk.services.ec2.waiters.Ec2AsyncWaiter;
import software.amazon.awssdk.services.elasticloadbalancingv2.ElasticLoadBalancingV2AsyncClient;

/**
 * The AWS clients of one region and set of credentials, with every call routed through {@link Calls}.
 *
 * @param ec2 the EC2 client
 * @param elb the ELBv2 client
 * @param waiter the EC2 waiter (images available, instances stopped)
 * @param calls the rate limit and retry policy
 */
public record AwsApi(Ec2AsyncClient ec2, ElasticLoadBalancingV2AsyncClient elb, Ec2AsyncWaiter waiter, Calls calls) {

    /**
     * An EC2 call.
     *
     * @param action the API action, for messages and the IAM permission name
     * @param idempotent whether a retry after an unclear failure is safe
     * @param call starts the call on {@link #ec2()}
     * @param <T> the response type
     * @return the response
     */
    public <T> CompletableFuture<T> ec2(String action, boolean idempotent, Supplier<? extends CompletionStage<T>> call) {
        return calls.run("ec2", action, idempotent, call);
    }

    /**
     * An ELBv2 call.
     *
     * @param action the API action
     * @param idempotent whether a retry after an unclear failure is safe
     * @param call starts the call on {@link #elb()}
     * @param <T> the response type
     * @return the response
     */
    public <T> CompletableFuture<T> elb(String action, boolean idempotent, Supplier<? extends CompletionStage<T>> call) {
        return calls.run("elasticloadbalancing", action, idempotent, call);
    }
}
