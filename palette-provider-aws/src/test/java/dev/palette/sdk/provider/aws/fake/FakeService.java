package dev.palette.sdk.provider.aws.fake;

/** One service of {@link FakeAws}: answers its actions over the fake's state, under the fake's lock. */
abstract class FakeService {
    final FakeAws aws;

    FakeService(FakeAws aws) {
        this.aws = aws;
    }

    /**
     * Answers one action.
     *
     * @param action the API action
     * @param f the request's parameters
     * @return the XML answer
     * @throws FakeAws.Fault for a refusal
     */
    abstract String handle(String action, Form f);
}
