package io.omnijourney.support;

import io.omnijourney.support.RequiresBrowser.Binaries;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Comparator;
import org.openqa.selenium.By;
import org.openqa.selenium.Dimension;
import org.openqa.selenium.OutputType;
import org.openqa.selenium.TakesScreenshot;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.chrome.ChromeDriverService;
import org.openqa.selenium.chrome.ChromeOptions;
import org.openqa.selenium.support.ui.ExpectedCondition;
import org.openqa.selenium.support.ui.ExpectedConditions;
import org.openqa.selenium.support.ui.WebDriverWait;

/**
 * The machine's Chromium, headless, driven by its own chromedriver (Selenium Manager is never
 * asked: there is no internet for it), with a fresh profile that is removed on {@link #close()}:
 * one person at one browser. For test classes marked {@link RequiresBrowser}.
 */
public final class Chromium implements AutoCloseable {

  private static final Duration PATIENCE = Duration.ofSeconds(20);

  private final WebDriver driver;
  private final Path profile;
  private final int port;

  public Chromium(int port, int width, int height) {
    this.port = port;
    try {
      profile = Files.createTempDirectory("chromium");
    } catch (IOException e) {
      throw new IllegalStateException(e);
    }
    ChromeOptions options = new ChromeOptions();
    options.setBinary(Binaries.CHROMIUM.toFile());
    // Without the background-networking flags Chromium keeps knocking on the closed network.
    options.addArguments("--headless=new", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
        "--disable-background-networking", "--disable-component-update", "--disable-sync",
        "--user-data-dir=" + profile, "--window-size=" + width + "," + height, "--lang=en");
    ChromeDriverService service = new ChromeDriverService.Builder()
        .usingDriverExecutable(Binaries.CHROMEDRIVER.toFile()).usingAnyFreePort().build();
    driver = new ChromeDriver(service, options);
  }

  public WebDriver driver() {
    return driver;
  }

  /** Opens a path of the application. */
  public void open(String path) {
    driver.get("http://localhost:" + port + path);
  }

  /** Fills in the login form the page sent us to. */
  public void logIn(String user, String password) {
    waitFor(ExpectedConditions.visibilityOfElementLocated(By.id("username")));
    driver.findElement(By.id("username")).sendKeys(user);
    driver.findElement(By.id("password")).sendKeys(password);
    driver.findElement(By.id("submit")).click();
  }

  public WebElement find(By by) {
    return driver.findElement(by);
  }

  public WebElement byId(String id) {
    return driver.findElement(By.id(id));
  }

  /** Waits for the condition; when it never comes, what the browser showed is saved as target/browser-timeout.png. */
  public <T> T waitFor(ExpectedCondition<T> condition) {
    try {
      return new WebDriverWait(driver, PATIENCE).until(condition);
    } catch (org.openqa.selenium.TimeoutException e) {
      screenshot("browser-timeout.png");
      throw e;
    }
  }

  /**
   * Clicks what the locator finds once it is clickable, finding it again when the page replaced it
   * in the meantime (a polling page re-renders its lists).
   */
  public void click(By locator) {
    waitFor(d -> {
      try {
        WebElement element = d.findElement(locator);
        if (!element.isDisplayed() || !element.isEnabled()) {
          return false;
        }
        element.click();
        return true;
      } catch (org.openqa.selenium.StaleElementReferenceException | org.openqa.selenium.NoSuchElementException e) {
        return false;
      }
    });
  }

  public void resize(int width, int height) {
    driver.manage().window().setSize(new Dimension(width, height));
  }

  /** Saves what the browser shows as target/{name}. */
  public void screenshot(String name) {
    try {
      Path target = Path.of("target", name);
      Files.createDirectories(target.getParent());
      Files.write(target, ((TakesScreenshot) driver).getScreenshotAs(OutputType.BYTES));
    } catch (IOException e) {
      throw new IllegalStateException(e);
    }
  }

  @Override
  public void close() {
    driver.quit();
    try (var files = Files.walk(profile)) {
      files.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
    } catch (IOException e) {
      throw new IllegalStateException(e);
    }
  }
}
