package io.omnijourney.engine;

import java.util.AbstractMap;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Collectors;
import org.camunda.bpm.engine.delegate.ExecutionListener;
import org.camunda.bpm.engine.delegate.JavaDelegate;
import org.camunda.bpm.engine.delegate.TaskListener;
import org.camunda.bpm.engine.impl.cfg.AbstractProcessEnginePlugin;
import org.camunda.bpm.engine.impl.cfg.ProcessEngineConfigurationImpl;
import org.camunda.bpm.engine.impl.persistence.deploy.Deployer;
import org.camunda.bpm.engine.spring.SpringExpressionManager;
import org.springframework.context.ApplicationContext;
import org.springframework.stereotype.Component;

/**
 * Registers the {@link DeploymentGuard} as a pre-deployer, and as defence in depth lets
 * expressions resolve only our delegate beans: should an expression ever get past the guard,
 * {@code ${environment}} or any other bean of the Spring context still resolves to nothing.
 */
@Component
public class DeploymentGuardPlugin extends AbstractProcessEnginePlugin {

  private static final List<Class<?>> DELEGATE_TYPES = List.of(JavaDelegate.class, ExecutionListener.class,
      TaskListener.class);

  private final ApplicationContext context;
  private volatile Set<String> delegateBeans;

  DeploymentGuardPlugin(ApplicationContext context) {
    this.context = context;
  }

  @Override
  public void preInit(ProcessEngineConfigurationImpl configuration) {
    List<Deployer> preDeployers = new ArrayList<>();
    if (configuration.getCustomPreDeployers() != null) {
      preDeployers.addAll(configuration.getCustomPreDeployers());
    }
    preDeployers.add(new DeploymentGuard(this::delegateBeans));
    configuration.setCustomPreDeployers(preDeployers);

    // SpringExpressionManager resolves beans from this map instead of the whole context when it has
    // one. Camunda's ProcessEngineFactoryBean built the expression manager before plugins run, from
    // the configuration's beans then (none), so it is built again here with ours.
    Map<Object, Object> beans = new DelegateBeans();
    configuration.setBeans(beans);
    configuration.setExpressionManager(new SpringExpressionManager(context, beans));
  }

  /** The names of the beans a diagram may call: our JavaDelegates and listeners. */
  Set<String> delegateBeans() {
    // Bean definitions are complete before the engine is built, so the names are read once (every
    // unknown identifier in an expression asks). No eager initialisation: during autodeployment the
    // context is still creating its beans.
    if (delegateBeans == null) {
      delegateBeans = DELEGATE_TYPES.stream()
          .flatMap(type -> Arrays.stream(context.getBeanNamesForType(type, true, false)))
          .collect(Collectors.collectingAndThen(Collectors.toCollection(TreeSet::new),
              Collections::unmodifiableSet));
    }
    return delegateBeans;
  }

  /** The delegate beans as a map, looked up when an expression asks: they may not exist yet at start. */
  private final class DelegateBeans extends AbstractMap<Object, Object> {
    @Override
    public boolean containsKey(Object name) {
      return name instanceof String bean && delegateBeans().contains(bean);
    }

    @Override
    public Object get(Object name) {
      return containsKey(name) ? context.getBean((String) name) : null;
    }

    @Override
    public Set<Entry<Object, Object>> entrySet() {
      return delegateBeans().stream()
          .map(name -> Map.entry((Object) name, context.getBean(name)))
          .collect(Collectors.toSet());
    }
  }
}
