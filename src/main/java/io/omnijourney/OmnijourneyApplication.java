package io.omnijourney;

import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.boot.context.properties.ConfigurationPropertiesScan;
import org.springframework.scheduling.annotation.EnableScheduling;

/** Omnijourney: delivers an important message on whatever channel reaches the customer. */
@SpringBootApplication
@ConfigurationPropertiesScan
@EnableScheduling
public class OmnijourneyApplication {

  public static void main(String[] args) {
    SpringApplication.run(OmnijourneyApplication.class, args);
  }
}
