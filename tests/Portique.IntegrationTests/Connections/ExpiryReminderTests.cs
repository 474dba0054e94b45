using System.Net.Http.Json;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Portique.Connections.ExpiryReminder;
using Portique.IntegrationTests.Infrastructure;

namespace Portique.IntegrationTests.Connections;

/// <summary>The principal managers are e-mailed once when a technical account's password enters its last 15 days, again after a reset.</summary>
public sealed class ExpiryReminderTests(PortiqueApp app) : IClassFixture<PortiqueApp>
{
    private async Task<int> RemindAsync()
    {
        await using var scope = app.Services.CreateAsyncScope();
        return await scope.ServiceProvider.GetRequiredService<ExpiryReminderHandler>().RemindAsync(CancellationToken.None);
    }

    private int Reminders(string email) =>
        app.Mailbox.To(email).Count(m => m.Subject!.Contains("expire bientôt", StringComparison.Ordinal));

    [Fact]
    public async Task Managers_are_reminded_once_per_expiry_date_inside_the_warning_period()
    {
        var api = await ConnectionTests.ApiAsync(app);
        Assert.Equal(0, await RemindAsync()); // 424 days ahead: nothing to say yet

        app.Clock.Advance(TimeSpan.FromDays(410)); // 14 days left
        Assert.Equal(1, await RemindAsync());
        Assert.Equal(0, await RemindAsync());
        await app.DrainMailAsync();
        Assert.Equal(1, Reminders(api.ManagerEmail));
        var mail = app.Mailbox.To(api.ManagerEmail).Single(m => m.Subject!.Contains("expire bientôt", StringComparison.Ordinal));
        Assert.Contains(api.Login, mail.TextBody, StringComparison.Ordinal);

        // A reset sets a new expiry date: a reminder is due again 14 days before it, once.
        var manager = await app.ClientForAsync(api.ManagerEmail);
        (await manager.PostAsync($"/api/v1/structures/{api.StructureId}/technical-accounts/{api.AccountId}/reset-password", null)).EnsureSuccessStatusCode();
        Assert.Equal(0, await RemindAsync());
        app.Clock.Advance(TimeSpan.FromDays(411));
        Assert.Equal(1, await RemindAsync());
        Assert.Equal(0, await RemindAsync());
        await app.DrainMailAsync();
        Assert.Equal(2, Reminders(api.ManagerEmail));

        // Expired: no more reminders (the structure page shows it expired; the API refuses it).
        app.Clock.Advance(TimeSpan.FromDays(30));
        Assert.Equal(0, await RemindAsync());
        Assert.Equal(2, await app.Db(db => db.Outbox.CountAsync(m => m.DeduplicationKey != null && m.DeduplicationKey.StartsWith($"technical-account-expiry:{api.AccountId}:"))));
    }
}
