using System.Collections;
using System.Reflection;

namespace Portique.Formats.Rendering;

/// <summary>
/// What a readable rendering may cost, checked at the engine's entry before any drawing: a valid invoice may carry megabytes
/// of free text (a 19 MB note took the PDF view minutes of CPU and 1.5 GB), which no reader reads on a page. Past the budget
/// the rendering is refused and the original stays the document to download.
/// </summary>
public static class RenderBudget
{
    /// <summary>Rule id of the refusal.</summary>
    public const string TooLarge = "RENDER-01";

    /// <summary>About 300 printed pages of text: far beyond any real invoice, far below what hurts a server.</summary>
    public const long DefaultMaxCharacters = 1_000_000;

    /// <summary>Throws <see cref="InvoiceFormatException"/> (rule RENDER-01) when the invoice's text exceeds <paramref name="maxCharacters"/>.</summary>
    public static void Check(Model.Invoice invoice, long maxCharacters = DefaultMaxCharacters)
    {
        var characters = TextLength(invoice, maxCharacters);
        if (characters > maxCharacters)
            throw new InvoiceFormatException("The invoice is too large to render.",
                [new Finding(TooLarge, Severity.Fatal, "/", null, $"The invoice holds more than {maxCharacters:N0} characters of text; it is not rendered.")]);
    }

    /// <summary>
    /// The characters of every text of the model (embedded documents' base64 excepted: they are not drawn), counted by an
    /// iterative walk that stops as soon as the budget is passed.
    /// </summary>
    internal static long TextLength(object model, long stopAfter)
    {
        long total = 0;
        var pending = new Stack<object>();
        pending.Push(model);
        while (pending.Count > 0 && total <= stopAfter)
        {
            var current = pending.Pop();
            if (current is string text)
            {
                total += text.Length;
                continue;
            }
            if (current is IEnumerable items)
            {
                foreach (var item in items)
                {
                    if (item is not null)
                        pending.Push(item);
                }
                continue;
            }
            foreach (var property in Properties(current.GetType()))
            {
                if (property.GetValue(current) is { } value && (value is string || value is IEnumerable || IsModel(value.GetType())))
                    pending.Push(value);
            }
        }
        return total;
    }

    private static readonly System.Collections.Concurrent.ConcurrentDictionary<Type, PropertyInfo[]> PropertyCache = new();

    private static PropertyInfo[] Properties(Type type) => PropertyCache.GetOrAdd(type, t => [.. t.GetProperties(BindingFlags.Public | BindingFlags.Instance)
        .Where(p => p.GetIndexParameters().Length == 0 && p.Name != nameof(Model.SupportingDocument.AttachmentBase64))]);

    private static bool IsModel(Type type) => type.IsClass && type.Namespace == typeof(Model.Invoice).Namespace;
}
