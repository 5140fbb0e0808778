package io.omnijourney.engine;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Set;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class ExpressionVocabularyTest {

  private static final Set<String> DELEGATES = Set.of("sendMessage", "chooseChannel");

  @ParameterizedTest
  @ValueSource(strings = {
      "${cartIdleDelay}",
      "${reminderChannel != null}",
      "${!reportsDelivery}",
      "${category == 'transactional'}",
      "${execution.getVariable('replyOptOut') == true}",
      "${execution.setVariable('reachedBy', 'whatsapp')}",
      "${execution.setVariable('deliveredChannel', channel)}",
      "${execution.setVariableLocal('n', count + 1)}",
      "${execution.hasVariable('x') and not empty x}",
      "${attempts >= 3 ? 'stop' : (attempts * 2 - 1) / 4 % 2}",
      "${-amount lt 10.5 || flag eq false}",
      "Dear ${name}, your order ${orderNumber}",
      "#{deferred}",
      "P2D",
  })
  void allows(String expression) {
    assertThat(ExpressionVocabulary.refusal(expression)).isEmpty();
  }

  @ParameterizedTest
  @ValueSource(strings = {
      "${''.getClass().forName('java.lang.Runtime').getMethod('exec', ''.getClass()).invoke(null, 'touch x')}",
      "${environment.getProperty('omnijourney.unsubscribe.secret')}",
      "${execution.getProcessEngineServices().getRepositoryService()}",
      "${someVar.toString()}",
      "${customer.email}",
      "${customer['email']}",
      "${execution['getVariable']('x')}",
      "${execution.getVariable(name)}",
      "${execution.getVariable('a', 'b')}",
      "${execution.setVariable('x', ''.getClass())}",
      "${execution.setVariable('x', execution)}",
      "${execution}",
      "${task}",
      "${now()}",
      "${fn:exec('x')}",
      "${a == b.c}",
      "text ${ok} and ${bad.property}",
      "${unclosed",
  })
  void refuses(String expression) {
    assertThat(ExpressionVocabulary.refusal(expression)).isPresent();
  }

  @ParameterizedTest
  @ValueSource(strings = {"${sendMessage}", "${chooseChannel}"})
  void allowsOurDelegates(String expression) {
    assertThat(ExpressionVocabulary.delegateRefusal(expression, DELEGATES)).isEmpty();
  }

  @ParameterizedTest
  @ValueSource(strings = {"${environment}", "${sendMessage.self}", "${sendMessage}${chooseChannel}",
      "sendMessage", "${cond ? sendMessage : chooseChannel}", "${execution.getVariable('delegate')}"})
  void refusesAnyOtherDelegate(String expression) {
    assertThat(ExpressionVocabulary.delegateRefusal(expression, DELEGATES)).isPresent();
  }
}
