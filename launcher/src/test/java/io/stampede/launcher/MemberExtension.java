package io.stampede.launcher;

import java.util.Map;

import io.vertx.core.Vertx;
import io.vertx.ext.web.client.WebClient;
import org.junit.jupiter.api.extension.AfterAllCallback;
import org.junit.jupiter.api.extension.BeforeAllCallback;
import org.junit.jupiter.api.extension.ExtensionContext;

/**
 * One member with every service for a whole test class:
 * {@code @RegisterExtension static final MemberExtension member = new MemberExtension();}
 * (started before the class's own {@code @BeforeAll}, stopped after its {@code @AfterAll}).
 */
final class MemberExtension implements BeforeAllCallback, AfterAllCallback {

  private final Map<String, String> overrides;
  private OneMember member;

  MemberExtension() {
    this(Map.of());
  }

  MemberExtension(Map<String, String> overrides) {
    this.overrides = overrides;
  }

  @Override
  public void beforeAll(ExtensionContext context) {
    member = OneMember.start(overrides);
  }

  @Override
  public void afterAll(ExtensionContext context) {
    member.close();
  }

  Node node() {
    return member.node();
  }

  Vertx vertx() {
    return member.vertx();
  }

  ApiClient api() {
    return member.api();
  }

  WebClient web() {
    return member.web();
  }
}
