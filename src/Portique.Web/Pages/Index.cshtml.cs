using Microsoft.AspNetCore.Mvc.RazorPages;

namespace Portique.Web.Pages;

public sealed class IndexModel : PageModel;
