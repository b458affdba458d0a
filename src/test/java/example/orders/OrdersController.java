package example.orders;

import java.security.Principal;

import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RestController;

@RestController
class OrdersController {

	/** Who the token names: its {@code sub}, as Spring Security reads it. */
	@GetMapping("/orders/whoami")
	String whoami(Principal principal) {
		return principal.getName();
	}

}
