using Microsoft.AspNetCore.Mvc;
using Portique.Accounts.Register;

namespace Portique.Web.Pages.Account;

public sealed class RegisterModel(RegisterAccountHandler handler) : PortiquePage
{
    [BindProperty] public string FirstName { get; set; } = "";
    [BindProperty] public string LastName { get; set; } = "";
    [BindProperty] public string Email { get; set; } = "";
    [BindProperty] public string Password { get; set; } = "";

    public void OnGet()
    {
    }

    public Task<IActionResult> OnPostAsync() => Run(async () =>
    {
        await handler.HandleAsync(new RegisterAccountRequest(FirstName, LastName, Email, Password));
        return Done($"Compte créé : un e-mail d'activation a été envoyé à {Email}. Ouvrez le lien qu'il contient pour pouvoir vous connecter.", "/Account/Login");
    });
}
