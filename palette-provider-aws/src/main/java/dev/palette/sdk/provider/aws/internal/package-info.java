/** The AWS provider's internals: EC2 and ELBv2 calls, tags, error mapping, rate limit and retries. Not API. */
package dev.palette.sdk.provider.aws.internal;
