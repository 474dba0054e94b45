using System.Net.Http.Headers;
using System.Net.Http.Json;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Diagnostics;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Time.Testing;
using Portique.Accounts;
using Portique.Common.Data;
using Portique.Common.Mail;

namespace Portique.IntegrationTests.Infrastructure;

/// <summary>
/// The portal in-process over a fresh database (SQLite or PostgreSQL, see TestDatabase) and a real SMTP server.
/// The outbox worker does not run in the background: tests drain it when they want the mail, so they stay deterministic.
/// </summary>
public class PortiqueApp : WebApplicationFactory<Program>, IAsyncLifetime
{
    public const string Password = "Correct-horse-42!";

    private readonly string _connection;
    private readonly bool _ownsDatabase;

    public PortiqueApp()
        : this(TestDatabase.Create(), ownsDatabase: true)
    {
    }

    /// <summary>A host on a given database: another node of a deployment when <paramref name="ownsDatabase"/> is false.</summary>
    protected PortiqueApp(string connection, bool ownsDatabase)
    {
        _connection = connection;
        _ownsDatabase = ownsDatabase;
    }

    public string ConnectionString => _connection;

    /// <summary>One key-ring certificate for every test host, made once: an RSA key per fixture would cost seconds.</summary>
    private static readonly Lazy<string> KeyRingCertificate = new(() =>
    {
        var path = Path.Combine(Path.GetTempPath(), "portique-test-keyring.pfx");
        Portique.Common.Security.KeyRing.LoadOrCreate(path, null).Dispose();
        return path;
    });

    public TestMailbox Mailbox { get; } = new();
    public FakeTimeProvider Clock { get; } = new(DateTimeOffset.UtcNow);

    /// <summary>Whether the host integrates deposits in the background, as a deployed node does.</summary>
    protected virtual bool RunsDepositWorker => false;

    protected override void ConfigureWebHost(IWebHostBuilder builder)
    {
        builder.UseEnvironment("Testing");
        builder.UseSetting("Database:Provider", TestDatabase.ProviderName);
        builder.UseSetting("ConnectionStrings:Portique", _connection);
        builder.UseSetting("Mail:Host", "127.0.0.1");
        builder.UseSetting("Mail:Port", Mailbox.Port.ToString(System.Globalization.CultureInfo.InvariantCulture));
        builder.UseSetting("Mail:Worker", "false");
        // Tests move the clock by months: they run the expiry reminder themselves rather than race the background one.
        builder.UseSetting("Connections:ReminderWorker", "false");
        // Background deposit polling would only add writers to each class's database; the invoicing tests drive the worker
        // themselves (InvoicingApp.ProcessDepositsAsync), and the browser tests, which act as a user would, keep it running.
        builder.UseSetting("Invoicing:Worker", RunsDepositWorker ? "true" : "false");
        builder.UseSetting("Mail:PublicBaseUrl", "http://portique.test");
        builder.UseSetting("DataProtection:CertificatePath", KeyRingCertificate.Value);
        builder.ConfigureLogging(l => l.AddProvider(new ServerErrors()));
        builder.ConfigureServices(s =>
        {
            s.RemoveAll<TimeProvider>();
            s.AddSingleton<TimeProvider>(Clock);
            // A row limit or First without an order gives unpredictable rows (a page can repeat or skip some). EF only logs a
            // warning, which the quick start would print after its banner; here the query fails, so the suite finds it.
            s.ConfigureDbContext<PortiqueDb>(o => o.ConfigureWarnings(w => w.Throw(
                CoreEventId.RowLimitingOperationWithoutOrderByWarning, CoreEventId.FirstWithoutOrderByAndFilterWarning)));
        });
    }

    public virtual async Task InitializeAsync()
    {
        await using var scope = Services.CreateAsyncScope();
        await Schema.MigrateAsync(scope.ServiceProvider.GetRequiredService<PortiqueDb>());
        var roles = scope.ServiceProvider.GetRequiredService<RoleManager<IdentityRole<long>>>();
        if (!await roles.RoleExistsAsync(Roles.Operator))
            await roles.CreateAsync(new IdentityRole<long>(Roles.Operator));
    }

    async Task IAsyncLifetime.DisposeAsync()
    {
        await DisposeAsync();
        await Mailbox.DisposeAsync();
        if (_ownsDatabase)
            TestDatabase.Drop(_connection);
        AfterDispose();
    }

    /// <summary>Checks a fixture makes once everything is released (a failure here fails the test class).</summary>
    protected virtual void AfterDispose()
    {
    }

    public async Task<T> Db<T>(Func<PortiqueDb, Task<T>> query)
    {
        await using var scope = Services.CreateAsyncScope();
        return await query(scope.ServiceProvider.GetRequiredService<PortiqueDb>());
    }

    /// <summary>An active, confirmed account (the sign-up flow itself is tested in Accounts).</summary>
    public async Task<User> CreateUserAsync(string? email = null, bool isOperator = false)
    {
        await using var scope = Services.CreateAsyncScope();
        var users = scope.ServiceProvider.GetRequiredService<UserManager<User>>();
        email ??= Unique.Email();
        var user = new User { UserName = email, Email = email, EmailConfirmed = true, FirstName = "Test", LastName = email.Split('@')[0], CreatedAt = Clock.GetUtcNow() };
        var result = await users.CreateAsync(user, Password);
        if (!result.Succeeded)
            throw new InvalidOperationException(string.Join("; ", result.Errors.Select(e => e.Description)));
        if (isOperator)
            await users.AddToRoleAsync(user, Roles.Operator);
        return user;
    }

    /// <summary>An HTTP client signed in as the user through the API's bearer login.</summary>
    public async Task<HttpClient> ClientForAsync(string email)
    {
        var client = CreateClient();
        var response = await client.PostAsJsonAsync("/api/v1/account/login", new { email, password = Password });
        response.EnsureSuccessStatusCode();
        var token = await response.Content.ReadFromJsonAsync<TokenResponse>();
        client.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", token!.AccessToken);
        return client;
    }

    public async Task<(User User, HttpClient Client)> SignedInUserAsync(bool isOperator = false)
    {
        var user = await CreateUserAsync(isOperator: isOperator);
        return (user, await ClientForAsync(user.Email!));
    }

    /// <summary>Sends what the outbox holds to the test SMTP server, as the background worker would.</summary>
    public async Task DrainMailAsync()
    {
        var worker = Services.GetRequiredService<OutboxWorker>();
        while (await worker.DrainOnceAsync(CancellationToken.None) > 0)
        {
        }
    }

    private sealed record TokenResponse(string AccessToken);
}
