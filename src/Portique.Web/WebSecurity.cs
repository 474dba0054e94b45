using System.Net;
using System.Security.Cryptography;
using Microsoft.AspNetCore.Antiforgery;
using Microsoft.AspNetCore.CookiePolicy;
using Microsoft.AspNetCore.HttpOverrides;
using Microsoft.AspNetCore.Razor.TagHelpers;
using Portique.Common;

namespace Portique.Web;

/// <summary>
/// What the web host adds around every request for issue 13's "low" defects: forwarded addresses believed only from the
/// configured proxies, security headers (CSP with a per-request nonce, nosniff, referrer, frames, HSTS on HTTPS), cookies
/// Secure on HTTPS, and the antiforgery token on cookie-authenticated API calls a cross-site form could forge (docs/security.md).
/// </summary>
internal static class WebSecurity
{
    public const string NonceItem = "portique.csp-nonce";

    public static IServiceCollection AddWebSecurity(this IServiceCollection services, IConfiguration config)
    {
        services.Configure<ForwardedHeadersOptions>(o =>
        {
            // Behind a proxy the client's address is in X-Forwarded-For; believed only when the direct peer is a configured
            // proxy, else any client could pick the address its failures are counted under. Nothing is trusted by default,
            // not even loopback (the framework's default).
            o.ForwardedHeaders = ForwardedHeaders.XForwardedFor | ForwardedHeaders.XForwardedProto;
            o.KnownProxies.Clear();
            o.KnownIPNetworks.Clear();
            foreach (var proxy in config.GetSection("ForwardedHeaders:KnownProxies").Get<string[]>() ?? [])
                o.KnownProxies.Add(IPAddress.Parse(proxy));
            foreach (var network in config.GetSection("ForwardedHeaders:KnownNetworks").Get<string[]>() ?? [])
                o.KnownIPNetworks.Add(System.Net.IPNetwork.Parse(network));
            // Walk back through every trusted proxy and stop at the first address that is not one.
            o.ForwardLimit = null;
        });
        services.AddHsts(o =>
        {
            o.MaxAge = TimeSpan.FromDays(365);
            o.IncludeSubDomains = false;
        });
        services.Configure<CookiePolicyOptions>(o =>
        {
            o.Secure = CookieSecurePolicy.SameAsRequest;
            o.MinimumSameSitePolicy = SameSiteMode.Lax;
        });
        services.AddAntiforgery(o => o.Cookie.SecurePolicy = CookieSecurePolicy.SameAsRequest);
        return services;
    }

    /// <summary>First in the pipeline: the forwarded address and scheme, then the headers every answer carries.</summary>
    public static IApplicationBuilder UseWebSecurity(this IApplicationBuilder app, IWebHostEnvironment environment)
    {
        app.UseForwardedHeaders();
        app.Use((http, next) =>
        {
            // Hex, not base64: "+" and "/" would be HTML-encoded in the attribute and differ, as text, from the header.
            var nonce = Convert.ToHexStringLower(RandomNumberGenerator.GetBytes(16));
            http.Items[NonceItem] = nonce;
            http.Response.OnStarting(() =>
            {
                var headers = http.Response.Headers;
                headers.XContentTypeOptions = "nosniff";
                headers["Referrer-Policy"] = "same-origin";
                headers.XFrameOptions = "DENY";
                headers.ContentSecurityPolicy = ContentSecurityPolicy(http.Request.Path, nonce);
                return Task.CompletedTask;
            });
            return next(http);
        });
        // HSTS only says something on HTTPS (the middleware skips plain HTTP and localhost).
        if (!environment.IsDevelopment())
            app.UseHsts();
        app.UseCookiePolicy();
        return app;
    }

    /// <summary>
    /// Scripts only from the portal or carrying this answer's nonce (inline event handlers are refused: pages use data
    /// attributes and site.js); no framing, no plugins, forms only to the portal. The API reference (Scalar) runs its own
    /// inline bootstrap script, so it only gets the framing and plugin rules.
    /// </summary>
    public static string ContentSecurityPolicy(PathString path, string nonce) => path.StartsWithSegments("/scalar")
        ? "frame-ancestors 'none'; object-src 'none'; base-uri 'self'"
        : $"default-src 'self'; script-src 'self' 'nonce-{nonce}'; style-src 'self' 'unsafe-inline'; img-src 'self' data:; "
          + "object-src 'none'; base-uri 'self'; form-action 'self'; frame-ancestors 'none'";

    /// <summary>
    /// After authentication: an unsafe /api call authenticated by the portal cookie (no Authorization header) and sent as a
    /// form (multipart, url-encoded or text/plain: what a cross-site page can post without a CORS preflight) must carry the
    /// antiforgery token, as the pages' forms do. Bearer-token calls are not exposed to cross-site forms and are left alone.
    /// </summary>
    public static IApplicationBuilder UseApiAntiforgery(this IApplicationBuilder app) => app.Use(async (http, next) =>
    {
        var request = http.Request;
        if (request.Path.StartsWithSegments("/api/v1")
            && !HttpMethods.IsGet(request.Method) && !HttpMethods.IsHead(request.Method) && !HttpMethods.IsOptions(request.Method)
            && http.User.Identity?.IsAuthenticated == true
            && string.IsNullOrEmpty(request.Headers.Authorization)
            && IsSimpleContentType(request.ContentType))
        {
            var antiforgery = http.RequestServices.GetRequiredService<IAntiforgery>();
            if (!await antiforgery.IsRequestValidAsync(http))
                throw new PortiqueException("ANTIFORGERY_TOKEN_REQUIRED",
                    "Cet envoi authentifié par le cookie du portail doit porter le jeton anti-falsification (en-tête RequestVerificationToken) ; un logiciel utilise un jeton « Bearer ».");
        }
        await next(http);
    });

    private static bool IsSimpleContentType(string? contentType) =>
        contentType is not null
        && (contentType.StartsWith("multipart/form-data", StringComparison.OrdinalIgnoreCase)
            || contentType.StartsWith("application/x-www-form-urlencoded", StringComparison.OrdinalIgnoreCase)
            || contentType.StartsWith("text/plain", StringComparison.OrdinalIgnoreCase));

    /// <summary>The return address of /culture: a path of this site only ("//host" and "/\host" are other sites).</summary>
    public static bool IsLocalPath(string url) =>
        url.Length > 0 && url[0] == '/' && (url.Length == 1 || (url[1] != '/' && url[1] != '\\')) && !url.Any(char.IsControl);
}

/// <summary>Gives every &lt;script&gt; of a page this answer's CSP nonce, so the pages' own inline scripts run and no injected one does.</summary>
[HtmlTargetElement("script")]
public sealed class CspNonceTagHelper(IHttpContextAccessor accessor) : TagHelper
{
    public override void Process(TagHelperContext context, TagHelperOutput output)
    {
        if (accessor.HttpContext?.Items[WebSecurity.NonceItem] is string nonce)
            output.Attributes.SetAttribute("nonce", nonce);
    }
}
