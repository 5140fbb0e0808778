# Builds the application jar and runs it on a JRE. Used by docker-compose.yml.
FROM eclipse-temurin:17-jdk AS build
WORKDIR /src
COPY .mvn .mvn
COPY mvnw pom.xml ./
RUN ./mvnw -B -q dependency:go-offline
COPY src src
COPY bpmn bpmn
COPY forms forms
COPY templates templates
RUN ./mvnw -B -q package -DskipTests

FROM eclipse-temurin:17-jre
WORKDIR /app
COPY --from=build /src/target/omnijourney-*.jar /app/omnijourney.jar
EXPOSE 8080
ENTRYPOINT ["java", "-jar", "/app/omnijourney.jar"]
