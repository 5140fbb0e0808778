package io.omnijourney.security;

import io.omnijourney.web.PageLocales;
import io.swagger.v3.oas.annotations.Hidden;
import jakarta.servlet.http.HttpServletRequest;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;

/** The login form of our pages; Spring Security takes the form's POST and checks it with {@link CamundaUsers}. */
@Controller
@Hidden
class LoginPage {

  private final PageLocales locales;

  LoginPage(PageLocales locales) {
    this.locales = locales;
  }

  @GetMapping("/login")
  String login(HttpServletRequest request, Model model) {
    locales.describe(request, model);
    model.addAttribute("failed", request.getParameter("error") != null);
    model.addAttribute("loggedOut", request.getParameter("logout") != null);
    return "login";
  }
}
