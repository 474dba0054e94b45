namespace Portique.Web.Pages.Account;

public sealed class AccessDeniedModel : PortiquePage
{
    public void OnGet() => Response.StatusCode = StatusCodes.Status403Forbidden;
}
