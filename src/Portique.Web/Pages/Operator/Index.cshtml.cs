using Microsoft.AspNetCore.Authorization;
using Portique.Common.Authorization;

namespace Portique.Web.Pages.Operator;

[Authorize(Policy = Policies.Operator)]
public sealed class IndexModel : PortiquePage
{
    public void OnGet()
    {
    }
}
