package io.hatidata.api.controlplane;

/** A successful login: the tokens, the user and the organization they are bound to. */
public record LoginResult(Tokens tokens, User user, Organization organization, String environmentId) {}
