using System.Globalization;
using Microsoft.AspNetCore.Localization;
using Portique;
using Portique.Common.Data;
using Portique.Common.Mail;
using Portique.Common.Security;
using Portique.Demo;
using Portique.Web;
using Scalar.AspNetCore;

// "--quickstart" is a flag: left in, the command-line settings would read the next argument ("--urls") as its value.
var builder = WebApplication.CreateBuilder(args.Where(a => a != "--quickstart").ToArray());
// --quickstart: embedded SQLite file, schema migrated, demo data seeded, logins and URL printed (README, first command).
var quickStart = args.Contains("--quickstart");
// The addresses to listen on when the command line or ASPNETCORE_URLS names them (or the quick start's default).
var urls = quickStart ? builder.Configuration["urls"] ?? "http://localhost:5080" : builder.Configuration["urls"];
if (quickStart)
{
    builder.WebHost.UseUrls(urls!);
    // A newcomer has no mail server: e-mails land as .eml files in data/mail.
    builder.Configuration["Mail:PickupDirectory"] ??= "data/mail";
    builder.Configuration["Mail:PublicBaseUrl"] = (builder.Configuration["urls"] ?? "http://localhost:5080").Split(';')[0];
}

// A port already taken: probed before anything is written (the key ring's certificate is made on first start), reported
// once the host is built (its messages are localised).
var taken = BusyPort.FirstTaken(urls);

builder.Services.AddPortique(builder.Configuration);
// Keys of cookies and tokens in the shared database, encrypted at rest; forwarded headers, security headers (docs/security.md).
if (taken is null)
    builder.Services.AddPortiqueKeyRing(builder.Configuration, builder.Environment.ContentRootPath);
builder.Services.AddWebSecurity(builder.Configuration);
builder.Services.AddRazorPages(o =>
{
    o.Conventions.AuthorizeFolder("/");
    o.Conventions.AllowAnonymousToPage("/Index");
    o.Conventions.AllowAnonymousToPage("/Error");
    // Sign-up, login and reset are public; "Mon compte" (/Account/Manage) is not.
    o.Conventions.AddFolderApplicationModelConvention("/Account", m =>
    {
        if (!m.ViewEnginePath.StartsWith("/Account/Manage", StringComparison.Ordinal))
            m.EndpointMetadata.Add(new Microsoft.AspNetCore.Authorization.AllowAnonymousAttribute());
    });
});
// The handlers check every field and say what is wrong in French; MVC's implicit [Required] on non-nullable strings would
// add an English duplicate ("The Email field is required."), and its binding messages are worded in French here.
builder.Services.Configure<Microsoft.AspNetCore.Mvc.MvcOptions>(o =>
{
    o.SuppressImplicitRequiredAttributeForNonNullableReferenceTypes = true;
    BindingMessages.Apply(o.ModelBindingMessageProvider);
});
// One size limit for every upload, pages and APIs alike: a 100 MB flow, also when it travels in base64 (docs: Flow.MaxRequestBytes).
builder.WebHost.ConfigureKestrel(k => k.Limits.MaxRequestBodySize = Portique.Invoicing.Flow.MaxRequestBytes);
builder.Services.Configure<Microsoft.AspNetCore.Http.Features.FormOptions>(o => o.MultipartBodyLengthLimit = Portique.Invoicing.Flow.MaxRequestBytes);
builder.Services.AddLocalization(o => o.ResourcesPath = "Resources");
builder.Services.AddScoped<MenuRights>();
builder.Services.AddOpenApi();
builder.Services.ConfigureApplicationCookie(o =>
{
    o.LoginPath = "/Account/Login";
    o.AccessDeniedPath = "/Account/AccessDenied";
    // The JSON API answers 401/403 instead of redirecting to the login page.
    o.Events.OnRedirectToLogin = ctx => ApiAware(ctx, StatusCodes.Status401Unauthorized);
    o.Events.OnRedirectToAccessDenied = ctx => ApiAware(ctx, StatusCodes.Status403Forbidden);
});
if (builder.Configuration.GetValue("Mail:Worker", true))
    builder.Services.AddHostedService(sp => sp.GetRequiredService<OutboxWorker>());

var app = builder.Build();

// A port already taken: one line that says which and how to choose another, before the quick start writes anything.
if (taken is not null)
    return PortTaken(taken);

if (quickStart)
{
    await using var scope = app.Services.CreateAsyncScope();
    await QuickStart.PrepareDatabaseAsync(scope.ServiceProvider.GetRequiredService<PortiqueDb>());
    var logins = await DemoSeed.SeedAsync(scope.ServiceProvider, TimeProvider.System);
    app.Lifetime.ApplicationStarted.Register(() => QuickStart.Print(app.Urls, logins, app.Configuration["Mail:PickupDirectory"]));
}

app.UseWebSecurity(app.Environment);
// A person meets errors as a French page with the layout (Pages/Error); the APIs keep ProblemDetails (ErrorHandler, and
// the status-code pages outside the branch).
// The error page answers 404 itself (an unknown id): that is its answer, not a missing error page.
app.UseExceptionHandler(new ExceptionHandlerOptions { ExceptionHandlingPath = "/Error", StatusCodeSelector = ErrorPages.Status, AllowStatusCode404Response = true });
app.UseStatusCodePages();
app.UseStatusCodePagesWithReExecute("/Error/{0}");
app.Use(ErrorPages.SortAsync);
var cultures = new[] { new CultureInfo("fr-FR"), new CultureInfo("en") };
app.UseRequestLocalization(new RequestLocalizationOptions
{
    DefaultRequestCulture = new RequestCulture("fr-FR"),
    SupportedCultures = cultures,
    SupportedUICultures = cultures,
});
app.UseStaticFiles();
app.UseAuthentication();
app.UseApiAntiforgery();
app.UseAuthorization();

app.MapOpenApi().AllowAnonymous();
app.MapScalarApiReference().AllowAnonymous();
app.MapPortiqueApi();
app.MapRazorPages();
app.MapGet("/culture/{name}", (string name, string? returnUrl, HttpContext http) =>
{
    // Another site's address ("//host", "/\\host") is refused with a clear 400, before any cookie is set.
    if (returnUrl is { Length: > 0 } && !WebSecurity.IsLocalPath(returnUrl))
        throw new Portique.Common.PortiqueException("RETURN_URL_INVALID", "L'adresse de retour doit être une page de ce portail (commençant par un seul « / »).");
    http.Response.Cookies.Append(CookieRequestCultureProvider.DefaultCookieName,
        CookieRequestCultureProvider.MakeCookieValue(new RequestCulture(name == "en" ? "en" : "fr-FR")));
    return Results.LocalRedirect(returnUrl is { Length: > 0 } ? returnUrl : "/");
}).AllowAnonymous();

try
{
    app.Run();
}
catch (Exception e) when (BusyPort.IsAddressInUse(e))
{
    // Taken between the check and the start, or named by settings the check does not read (Kestrel endpoints).
    return PortTaken(BusyPort.FirstTaken(urls) ?? new Uri((urls ?? "http://localhost:5000").Split(';')[0].Replace("://*", "://0.0.0.0", StringComparison.Ordinal)));
}
return 0;

int PortTaken(Uri url)
{
    Console.Error.WriteLine(BusyPort.Message(app.Services.GetRequiredService<Microsoft.Extensions.Localization.IStringLocalizer<Labels>>(), url));
    return 1;
}

static Task ApiAware(Microsoft.AspNetCore.Authentication.RedirectContext<Microsoft.AspNetCore.Authentication.Cookies.CookieAuthenticationOptions> ctx, int status)
{
    if (ctx.Request.Path.StartsWithSegments("/api"))
    {
        ctx.Response.StatusCode = status;
        return Task.CompletedTask;
    }
    ctx.Response.Redirect(ctx.RedirectUri);
    return Task.CompletedTask;
}

public partial class Program;
