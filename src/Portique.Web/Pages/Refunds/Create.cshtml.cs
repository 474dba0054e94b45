using System.Globalization;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Mvc;
using Microsoft.EntityFrameworkCore;
using Portique.Common;
using Portique.Common.Data;
using Portique.Refunds;
using Portique.Refunds.FileRefund;

namespace Portique.Web.Pages.Refunds;

/// <summary>The A21 form: header, "Références" (advance checkbox, ticked by default, when the campaign offers it), lines with their invoice copies.</summary>
[Authorize(Policy = RefundPolicies.Write)]
[RequestSizeLimit(RefundAttachment.MaxRequestBytes)]
[RequestFormLimits(MultipartBodyLengthLimit = RefundAttachment.MaxRequestBytes)]
public sealed class CreateModel(FileRefundHandler handler, PortiqueDb db, TimeProvider clock) : PortiquePage
{
    public sealed class LineForm
    {
        public string? InvoiceNumber { get; set; }
        public DateOnly? DeliveryDate { get; set; }
        public RefundProduct? Product { get; set; }
        public string? Quantity { get; set; }
        public IFormFile? File { get; set; }

        public bool IsEmpty => string.IsNullOrWhiteSpace(InvoiceNumber) && DeliveryDate is null && Product is null && string.IsNullOrWhiteSpace(Quantity) && File is null;
    }

    [FromRoute] public long StructureId { get; set; }
    [BindProperty(SupportsGet = true)] public int Year { get; set; }
    [BindProperty] public string? BankDetailsReference { get; set; }
    [BindProperty] public bool SwornNotInDifficulty { get; set; }
    [BindProperty] public bool RequestAdvance { get; set; } = true;
    [BindProperty] public List<LineForm> Lines { get; set; } = [];

    public string StructureName { get; private set; } = "";
    public string StructureIdentifier { get; private set; } = "";
    public RefundOffer Offer { get; private set; } = new(0, [], null);
    public IReadOnlyList<int> Years { get; private set; } = [];
    /// <summary>The offered years that have at least one rate: the others are labelled as such in the year list.</summary>
    public IReadOnlySet<int> YearsWithRates { get; private set; } = new HashSet<int>();
    /// <summary>The chosen year's products without a rate, and why (not published yet, or no refund that year).</summary>
    public IReadOnlyList<(RefundProduct Product, bool NotApplicable)> MissingRates { get; private set; } = [];
    public int VisibleLines => Math.Max(3, Lines.FindLastIndex(l => !l.IsEmpty) + 2);

    public async Task OnGetAsync(CancellationToken ct) => await OnRefusedAsync();

    public Task<IActionResult> OnPostAsync(CancellationToken ct) => Run(async () =>
    {
        var lines = new List<RefundLineInput>();
        foreach (var (line, i) in Lines.Select((l, i) => (l, i)).Where(x => !x.l.IsEmpty))
            lines.Add(new RefundLineInput(line.InvoiceNumber, line.DeliveryDate, line.Product, Quantity(line.Quantity, lines.Count + 1), await ReadAsync(line.File, ct)));
        var filed = await handler.HandleAsync(StructureId, new FileRefundRequest(Year, BankDetailsReference, SwornNotInDifficulty, lines, RequestAdvance), ct);
        return Done(filed.Confirmation, $"/Refunds/{StructureId}/{filed.Id}");
    });

    /// <summary>French users type "12,5": both separators are read; anything else names the line.</summary>
    private static decimal? Quantity(string? text, int number)
    {
        if (string.IsNullOrWhiteSpace(text))
            return null;
        if (decimal.TryParse(text.Trim().Replace(',', '.').Replace(" ", "", StringComparison.Ordinal), NumberStyles.AllowDecimalPoint, CultureInfo.InvariantCulture, out var q))
            return q;
        throw new PortiqueException("REFUND_QUANTITY_INVALID", $"Le champ « ligne {number} : quantité » (« {text} ») n'est pas un nombre.");
    }

    private static async Task<AttachmentInput?> ReadAsync(IFormFile? file, CancellationToken ct)
    {
        if (file is null)
            return null;
        // Oversized files are refused by the rule without being read whole.
        var length = (int)Math.Min(file.Length, RefundAttachment.MaxBytes + 1L);
        var bytes = new byte[length];
        await using var stream = file.OpenReadStream();
        await stream.ReadAtLeastAsync(bytes, length, throwOnEndOfStream: false, ct);
        return new AttachmentInput(file.FileName, bytes);
    }

    protected override async Task OnRefusedAsync()
    {
        var ct = HttpContext.RequestAborted;
        var s = await db.Structures.AsNoTracking().Where(x => x.Id == StructureId).Select(x => new { x.Name, x.Identifier }).FirstOrDefaultAsync(ct)
            ?? throw PortiqueException.NotFound("STRUCTURE_NOT_FOUND", $"La structure {StructureId} n'existe pas.");
        StructureName = s.Name;
        StructureIdentifier = s.Identifier;
        // Requests are open until 31 December of N+3. The default is the latest year that has rates, last year (the usual
        // campaign) before the current one: a form opened on a year without rates could not be filed.
        var thisYear = RefundRules.ParisDay(clock.GetUtcNow()).Year;
        Years = Enumerable.Range(thisYear - 3, 4).Reverse().ToList();
        var years = Years;
        YearsWithRates = (await db.Set<RefundRate>().AsNoTracking().Where(r => years.Contains(r.Year)).Select(r => r.Year).Distinct().ToListAsync(ct)).ToHashSet();
        if (!Years.Contains(Year))
            Year = Years.Where(y => y < thisYear).Concat(Years).FirstOrDefault(YearsWithRates.Contains, thisYear - 1);
        Offer = await handler.OfferAsync(Year, ct);
        MissingRates = RefundProducts.All.Where(p => Offer.Rates.All(r => r.Product != p))
            .Select(p => (p, RefundRateTable.Find(Year, p)?.State == RateState.NotApplicable)).ToList();
    }
}
