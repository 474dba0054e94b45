using Portique.Common;
using Portique.Invoicing;
using S = Portique.Invoicing.InvoiceStatus;

namespace Portique.Tests.Invoicing;

public sealed class InvoiceLifecycleTests
{
    private static readonly DateTimeOffset Now = new(2026, 3, 2, 10, 0, 0, TimeSpan.Zero);

    // Who may give each status (chorus-pro.md §2.2), written out rather than read back from the code under test.
    private static readonly Dictionary<S, InvoiceActor> Giver = new()
    {
        [S.DEPOSEE] = InvoiceActor.System,
        [S.EN_COURS_ACHEMINEMENT] = InvoiceActor.System,
        [S.MISE_A_DISPOSITION] = InvoiceActor.System,
        [S.SERVICE_FAIT] = InvoiceActor.Recipient,
        [S.MANDATEE] = InvoiceActor.Recipient,
        [S.MISE_A_DISPOSITION_COMPTABLE] = InvoiceActor.Recipient,
        [S.COMPTABILISEE] = InvoiceActor.Recipient,
        [S.MISE_EN_PAIEMENT] = InvoiceActor.Recipient,
        [S.A_RECYCLER] = InvoiceActor.Recipient,
        [S.SUSPENDUE] = InvoiceActor.Recipient,
        [S.REJETEE] = InvoiceActor.Recipient,
        [S.COMPLETEE] = InvoiceActor.Supplier,
        [S.A_VALIDER_1] = InvoiceActor.System,
        [S.VALIDEE_1] = InvoiceActor.Validator,
        [S.REFUSEE_1] = InvoiceActor.Validator,
        [S.ABSENCE_VALIDATION_1_HORS_DELAI] = InvoiceActor.System,
    };

    private static readonly S[] Returns = [S.A_RECYCLER, S.SUSPENDUE, S.REJETEE];
    private static readonly S[] Processing = [S.SERVICE_FAIT, S.MANDATEE, S.MISE_A_DISPOSITION_COMPTABLE, S.COMPTABILISEE, S.MISE_EN_PAIEMENT];

    // The legal moves from each status.
    private static readonly Dictionary<S, S[]> Legal = new()
    {
        [S.DEPOSEE] = [S.EN_COURS_ACHEMINEMENT, S.A_VALIDER_1],
        [S.A_VALIDER_1] = [S.VALIDEE_1, S.REFUSEE_1, S.ABSENCE_VALIDATION_1_HORS_DELAI],
        [S.VALIDEE_1] = [S.EN_COURS_ACHEMINEMENT],
        [S.ABSENCE_VALIDATION_1_HORS_DELAI] = [S.EN_COURS_ACHEMINEMENT],
        [S.REFUSEE_1] = [],
        [S.EN_COURS_ACHEMINEMENT] = [S.MISE_A_DISPOSITION],
        [S.MISE_A_DISPOSITION] = [.. Processing, .. Returns],
        [S.COMPLETEE] = [.. Processing, .. Returns],
        [S.SERVICE_FAIT] = [S.MANDATEE, S.MISE_A_DISPOSITION_COMPTABLE, S.COMPTABILISEE, S.MISE_EN_PAIEMENT, .. Returns],
        [S.MANDATEE] = [S.MISE_A_DISPOSITION_COMPTABLE, S.COMPTABILISEE, S.MISE_EN_PAIEMENT],
        [S.MISE_A_DISPOSITION_COMPTABLE] = [S.COMPTABILISEE, S.MISE_EN_PAIEMENT],
        [S.COMPTABILISEE] = [S.MISE_EN_PAIEMENT],
        [S.MISE_EN_PAIEMENT] = [],
        [S.A_RECYCLER] = [],
        [S.SUSPENDUE] = [S.COMPLETEE],
        [S.REJETEE] = [],
    };

    public static TheoryData<S, S, InvoiceActor> Cases()
    {
        var data = new TheoryData<S, S, InvoiceActor>();
        foreach (var from in Enum.GetValues<S>())
            foreach (var to in Enum.GetValues<S>())
                foreach (var actor in Enum.GetValues<InvoiceActor>())
                    data.Add(from, to, actor);
        return data;
    }

    [Theory]
    [MemberData(nameof(Cases))]
    public void Every_transition_by_every_actor_is_allowed_or_refused_with_its_code(S from, S to, InvoiceActor actor)
    {
        var invoice = InState(from);
        var historyBefore = invoice.History.Count;

        var change = () => invoice.Change(to, actor, 7, Now.AddHours(1), "motif", "MDT-1");

        if (Giver[to] != actor)
        {
            Assert.Equal("INVOICE_ACTOR_NOT_ALLOWED", Assert.Throws<PortiqueException>(change).Code);
        }
        else if (!Legal[from].Contains(to))
        {
            Assert.Equal("INVOICE_TRANSITION_ILLEGAL", Assert.Throws<PortiqueException>(change).Code);
        }
        else
        {
            change();
            Assert.Equal(to, invoice.Status);
            Assert.Equal(to, invoice.History[^1].Status);
            Assert.Equal(historyBefore + 1, invoice.History.Count);
            return;
        }
        Assert.Equal(from, invoice.Status);
        Assert.Equal(historyBefore, invoice.History.Count);
    }

    [Theory]
    [InlineData(S.SUSPENDUE)]
    [InlineData(S.REJETEE)]
    public void Suspension_and_rejection_require_a_reason(S to)
    {
        var invoice = InState(S.MISE_A_DISPOSITION);
        Assert.Equal("INVOICE_REASON_REQUIRED", Assert.Throws<PortiqueException>(() => invoice.Change(to, InvoiceActor.Recipient, 7, Now, "  ")).Code);
        Assert.Equal(S.MISE_A_DISPOSITION, invoice.Status);
        invoice.Change(to, InvoiceActor.Recipient, 7, Now, "Pièce justificative manquante");
        Assert.Equal("Pièce justificative manquante", invoice.History[^1].Comment);
    }

    [Fact]
    public void Mandate_requires_its_number_and_keeps_it()
    {
        var invoice = InState(S.SERVICE_FAIT);
        Assert.Equal("INVOICE_MANDATE_NUMBER_REQUIRED", Assert.Throws<PortiqueException>(() => invoice.Change(S.MANDATEE, InvoiceActor.Recipient, 7, Now, null)).Code);
        invoice.Change(S.MANDATEE, InvoiceActor.Recipient, 7, Now, null, "M-2026-42");
        Assert.Equal("M-2026-42", invoice.MandateNumber);
    }

    [Fact]
    public void Recycling_keeps_the_number_and_routes_to_the_new_recipient_only_from_A_RECYCLER()
    {
        var invoice = InState(S.MISE_A_DISPOSITION);
        Assert.Equal("INVOICE_TRANSITION_ILLEGAL", Assert.Throws<PortiqueException>(() => invoice.Recycle(99, "Autre", null, null, 7, Now, null)).Code);

        invoice.Change(S.A_RECYCLER, InvoiceActor.Recipient, 7, Now, "Mauvais service");
        invoice.Recycle(99, "Autre mairie", 5, "EJ-1", 8, Now, "Vers le bon service");

        Assert.Equal("F-2026-001", invoice.Number);
        Assert.Equal(99, invoice.RecipientStructureId);
        Assert.Equal(5, invoice.RecipientServiceId);
        Assert.Equal(S.MISE_A_DISPOSITION, invoice.Status);
        Assert.Equal([S.EN_COURS_ACHEMINEMENT, S.MISE_A_DISPOSITION], invoice.History.TakeLast(2).Select(h => h.Status));
    }

    [Fact]
    public void Only_a_rejected_invoice_has_its_rejection_acknowledged_once_without_changing_its_status()
    {
        foreach (var status in Enum.GetValues<S>().Where(s => s != S.REJETEE))
        {
            var other = InState(status);
            Assert.Equal("INVOICE_NOT_REJECTED", Assert.Throws<PortiqueException>(() => other.AcknowledgeRejection(8, Now, null)).Code);
            Assert.False(other.RejectionHandled);
        }
        var invoice = InState(S.REJETEE);
        var lines = invoice.History.Count;
        invoice.AcknowledgeRejection(8, Now, "Avoir émis");
        Assert.True(invoice.RejectionHandled);
        Assert.Equal(S.REJETEE, invoice.Status);
        Assert.Equal((S.REJETEE, Invoice.RejectionHandledAction, "Avoir émis"), (invoice.History[^1].Status, invoice.History[^1].Action, invoice.History[^1].Comment));
        invoice.AcknowledgeRejection(8, Now, "encore");
        Assert.Equal(lines + 1, invoice.History.Count);
        Assert.Equal("FIELD_TOO_LONG", Assert.Throws<PortiqueException>(() => InState(S.REJETEE).AcknowledgeRejection(8, Now, new string('x', 256))).Code);
    }

    /// <summary>An invoice brought to the status through legal moves.</summary>
    private static Invoice InState(S status)
    {
        var invoice = Invoice.Deposit(1, new Invoice.Parties(1, "Fournisseur", 2, "Mairie", null), "F-2026-001", new DateOnly(2026, 3, 1), null,
            "FACTURE", new Invoice.Amounts("EUR", 100m, 20m, 120m, 120m), "A1", null, "DEPOT_FLUX", 7, Now);
        var path = status switch
        {
            S.DEPOSEE => [],
            S.A_VALIDER_1 => [S.A_VALIDER_1],
            S.VALIDEE_1 or S.REFUSEE_1 or S.ABSENCE_VALIDATION_1_HORS_DELAI => [S.A_VALIDER_1, status],
            S.EN_COURS_ACHEMINEMENT => [S.EN_COURS_ACHEMINEMENT],
            S.MISE_A_DISPOSITION => [S.EN_COURS_ACHEMINEMENT, S.MISE_A_DISPOSITION],
            S.COMPLETEE => [S.EN_COURS_ACHEMINEMENT, S.MISE_A_DISPOSITION, S.SUSPENDUE, S.COMPLETEE],
            _ when Returns.Contains(status) || status == S.SERVICE_FAIT => new[] { S.EN_COURS_ACHEMINEMENT, S.MISE_A_DISPOSITION, status },
            _ => [S.EN_COURS_ACHEMINEMENT, S.MISE_A_DISPOSITION, S.SERVICE_FAIT, status],
        };
        foreach (var step in path)
            invoice.Change(step, Giver[step], 7, Now, "motif", "MDT-0");
        Assert.Equal(status, invoice.Status);
        return invoice;
    }
}
