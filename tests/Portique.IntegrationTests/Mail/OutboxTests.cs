using Microsoft.AspNetCore.Hosting;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using MimeKit;
using Portique.Common.Mail;
using Portique.IntegrationTests.Infrastructure;

namespace Portique.IntegrationTests.Mail;

public sealed class OutboxTests(PortiqueApp app) : IClassFixture<PortiqueApp>
{
    [Fact]
    public async Task Two_workers_draining_at_once_send_each_message_exactly_once()
    {
        var batch = $"pair{Unique.Next()}";
        var addresses = await Enqueue(batch, 150);
        // Two workers with their own scopes and connections, as on two web nodes.
        var workers = Enumerable.Range(0, 2).Select(_ => ActivatorUtilities.CreateInstance<OutboxWorker>(app.Services)).ToList();
        var handled = new int[2];

        await Task.WhenAll(workers.Select((w, i) => Task.Run(async () =>
        {
            int n;
            while ((n = await w.DrainOnceAsync(CancellationToken.None)) > 0)
                Interlocked.Add(ref handled[i], n);
        })));

        Assert.Equal(150, handled.Sum());
        var received = app.Mailbox.Received.Where(m => m.Subject == batch).Select(m => m.To.Mailboxes.Single().Address).ToList();
        Assert.Equal(addresses.Order(), received.Order());
        Assert.Equal(0, await app.Db(db => db.Outbox.CountAsync(m => m.Subject == batch && m.SentAt == null)));
    }

    [Fact]
    public async Task Mail_server_down_leaves_messages_unsent_without_spending_attempts_and_they_go_later()
    {
        var batch = $"down{Unique.Next()}";
        var addresses = await Enqueue(batch, 3);
        await using var down = app.WithWebHostBuilder(b => b.UseSetting("Mail:Port", TestMailbox.FreePort().ToString(System.Globalization.CultureInfo.InvariantCulture)));

        await Assert.ThrowsAnyAsync<Exception>(() => down.Services.GetRequiredService<OutboxWorker>().DrainOnceAsync(CancellationToken.None));

        var stored = await app.Db(db => db.Outbox.AsNoTracking().Where(m => m.Subject == batch).ToListAsync());
        Assert.All(stored, m => Assert.Equal((null, 0), (m.SentAt, m.Attempts)));
        Assert.DoesNotContain(app.Mailbox.Received, m => m.Subject == batch);

        await app.DrainMailAsync();
        Assert.Equal(addresses.Order(), app.Mailbox.Received.Where(m => m.Subject == batch).Select(m => m.To.Mailboxes.Single().Address).Order());
    }

    [Fact]
    public async Task A_drain_interrupted_mid_batch_loses_nothing_and_marks_sent_only_what_the_server_took()
    {
        var batch = $"stop{Unique.Next()}";
        var addresses = await Enqueue(batch, 100);
        var worker = app.Services.GetRequiredService<OutboxWorker>();
        using var stop = new CancellationTokenSource();
        var watcher = Task.Run(async () =>
        {
            while (app.Mailbox.Received.Count(m => m.Subject == batch) < 5)
                await Task.Delay(1);
            await stop.CancelAsync();
        });

        try
        {
            while (await worker.DrainOnceAsync(stop.Token) > 0)
            {
            }
        }
        catch (OperationCanceledException)
        {
            // The shutdown of a web node, as the hosted service sees it.
        }
        await watcher;

        var afterStop = await app.Db(db => db.Outbox.AsNoTracking().Where(m => m.Subject == batch).ToListAsync());
        var received = app.Mailbox.Received.Where(m => m.Subject == batch).Select(m => m.To.Mailboxes.Single().Address).ToHashSet();
        Assert.All(afterStop.Where(m => m.SentAt != null), m => Assert.Contains(m.To, received));
        Assert.Contains(afterStop, m => m.SentAt == null);

        await app.DrainMailAsync();
        Assert.Equal(0, await app.Db(db => db.Outbox.CountAsync(m => m.Subject == batch && m.SentAt == null)));
        Assert.Equal(addresses.Order(), app.Mailbox.Received.Where(m => m.Subject == batch).Select(m => m.To.Mailboxes.Single().Address).Distinct().Order());
    }

    [Fact]
    public async Task A_refused_message_waits_with_back_off_and_does_not_block_the_others()
    {
        var batch = $"refused{Unique.Next()}";
        await app.Db(async db =>
        {
            db.Outbox.Add(OutboxMessage.Create("pas une adresse", batch, "x", app.Clock.GetUtcNow()));
            return await db.SaveChangesAsync();
        });
        var good = await Enqueue(batch, 2);

        await app.DrainMailAsync();

        Assert.Equal(good.Order(), app.Mailbox.Received.Where(m => m.Subject == batch).Select(m => m.To.Mailboxes.Single().Address).Order());
        var refused = await app.Db(db => db.Outbox.AsNoTracking().SingleAsync(m => m.Subject == batch && m.SentAt == null));
        Assert.Equal(1, refused.Attempts);
        Assert.NotNull(refused.LastError);
        AssertAt(app.Clock.GetUtcNow().AddMinutes(1), refused.NextAttemptAt);

        await app.DrainMailAsync();
        Assert.Equal(1, await app.Db(db => db.Outbox.Where(m => m.Id == refused.Id).Select(m => m.Attempts).SingleAsync()));
        app.Clock.Advance(TimeSpan.FromMinutes(1));
        await app.DrainMailAsync();
        var again = await app.Db(db => db.Outbox.AsNoTracking().SingleAsync(m => m.Id == refused.Id));
        Assert.Equal(2, again.Attempts);
        AssertAt(app.Clock.GetUtcNow().AddMinutes(2), again.NextAttemptAt);
    }

    [Fact]
    public async Task Pickup_directory_receives_one_eml_file_per_message()
    {
        var dir = Path.Combine(Path.GetTempPath(), $"portique-mail-{Guid.NewGuid():N}");
        var batch = $"pickup{Unique.Next()}";
        var addresses = await Enqueue(batch, 2);
        try
        {
            await using var pickup = app.WithWebHostBuilder(b => b.UseSetting("Mail:PickupDirectory", dir));
            var worker = pickup.Services.GetRequiredService<OutboxWorker>();
            while (await worker.DrainOnceAsync(CancellationToken.None) > 0)
            {
            }

            var files = Directory.GetFiles(dir, "*.eml").Select(f => MimeMessage.Load(f)).Where(m => m.Subject == batch).ToList();
            Assert.Equal(addresses.Order(), files.Select(m => m.To.Mailboxes.Single().Address).Order());
            Assert.DoesNotContain(app.Mailbox.Received, m => m.Subject == batch);
        }
        finally
        {
            if (Directory.Exists(dir))
                Directory.Delete(dir, recursive: true);
        }
    }

    // PostgreSQL keeps microseconds, .NET ticks are 100 ns.
    private static void AssertAt(DateTimeOffset expected, DateTimeOffset? actual) =>
        Assert.InRange(actual!.Value, expected.AddMilliseconds(-1), expected.AddMilliseconds(1));

    private async Task<List<string>> Enqueue(string subject, int count)
    {
        var addresses = Enumerable.Range(0, count).Select(_ => Unique.Email("outbox")).ToList();
        await app.Db(async db =>
        {
            db.Outbox.AddRange(addresses.Select(a => OutboxMessage.Create(a, subject, "Bonjour", app.Clock.GetUtcNow())));
            return await db.SaveChangesAsync();
        });
        return addresses;
    }
}
