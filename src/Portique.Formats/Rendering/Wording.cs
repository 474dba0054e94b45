namespace Portique.Formats.Rendering;

/// <summary>
/// Every word a rendering writes around the invoice's own data, in French and in English. One instance per language so a
/// rendering cannot mix them; the French wording follows EN 16931's French edition where it names a term (vendeur, acheteur).
/// </summary>
internal sealed class Wording
{
    public static readonly Wording French = new()
    {
        Number = "Numéro", IssueDate = "Date d'émission", DocumentType = "Type de document", Currency = "Devise",
        VatAccountingCurrency = "Devise de comptabilisation de la TVA", DueDate = "Date d'échéance", VatPointDate = "Date d'exigibilité de la TVA",
        VatPointDateCode = "Code de la date d'exigibilité de la TVA", InvoicingPeriod = "Période de facturation", BuyerReference = "Référence de l'acheteur",
        Project = "Projet", Contract = "Contrat", PurchaseOrder = "Bon de commande (engagement)", SalesOrder = "Commande client",
        ReceivingAdvice = "Avis de réception", DespatchAdvice = "Avis d'expédition", TenderOrLot = "Appel d'offres ou lot",
        InvoicedObject = "Objet facturé", BuyerAccountingReference = "Référence comptable de l'acheteur", BusinessProcess = "Cadre de facturation",
        Specification = "Profil", PrecedingInvoice = "Facture antérieure", Of = "du",
        Parties = "Parties", Seller = "Vendeur", Buyer = "Acheteur", Payee = "Bénéficiaire du paiement", TaxRepresentative = "Représentant fiscal du vendeur",
        Delivery = "Livraison", Location = "Lieu", DeliveredOn = "Livré le",
        TradingName = "Nom commercial", Identifier = "Identifiant", LegalRegistration = "Immatriculation", VatNumber = "N° de TVA",
        TaxRegistration = "Identifiant fiscal", ElectronicAddress = "Adresse électronique", Contact = "Contact",
        Notes = "Notes", PaymentTerms = "Conditions de paiement",
        Lines = "Lignes", LineNumber = "N°", Item = "Désignation", Quantity = "Quantité", UnitOfMeasure = "Unité", NetPrice = "Prix unitaire HT", Vat = "TVA", NetAmount = "Montant HT",
        SubLineOf = "Sous-ligne de", SellerItemId = "Référence vendeur", BuyerItemId = "Référence acheteur", StandardItemId = "Identifiant normalisé",
        Origin = "Pays d'origine", Period = "Période", OrderLine = "Ligne de commande", LineObject = "Objet", BuyerAccounting = "Compte de l'acheteur",
        GrossPrice = "Prix brut", PriceDiscount = "rabais sur le prix", PricePer = "Prix pour", Classification = "Classification",
        Allowance = "Remise", Charge = "Frais", AllowancesAndCharges = "Remises et frais sur le document", Kind = "Nature", Reason = "Motif",
        Base = "Base", Percentage = "Pourcentage", Amount = "Montant",
        VatBreakdown = "Ventilation de la TVA", Category = "Catégorie", Rate = "Taux", TaxableAmount = "Base HT", VatAmount = "Montant de TVA",
        Exemption = "Motif d'exonération",
        Totals = "Totaux", LineNetTotal = "Total des lignes HT", Allowances = "Remises", Charges = "Frais", TotalWithoutVat = "Total HT",
        VatTotal = "Total TVA", VatInAccountingCurrency = "TVA en devise de comptabilisation", TotalWithVat = "Total TTC", Paid = "Déjà payé",
        Rounding = "Arrondi", AmountDue = "Net à payer",
        Payment = "Paiement", PaymentMeans = "Moyen de paiement", Account = "Compte (IBAN)", AccountName = "Titulaire du compte", Bank = "Banque (BIC)",
        Card = "Carte", CardHolder = "Titulaire de la carte", DebitedAccount = "Compte débité", Remittance = "Référence du paiement",
        Mandate = "Référence du mandat", CreditorId = "Identifiant du créancier",
        SupportingDocuments = "Pièces justificatives", AttachedFile = "fichier joint", Continued = "suite", Page = "Page", Code = "code",
    };

    public static readonly Wording English = new()
    {
        Number = "Number", IssueDate = "Issue date", DocumentType = "Document type", Currency = "Currency",
        VatAccountingCurrency = "VAT accounting currency", DueDate = "Due date", VatPointDate = "VAT point date",
        VatPointDateCode = "VAT point date code", InvoicingPeriod = "Invoicing period", BuyerReference = "Buyer reference",
        Project = "Project", Contract = "Contract", PurchaseOrder = "Purchase order", SalesOrder = "Sales order",
        ReceivingAdvice = "Receiving advice", DespatchAdvice = "Despatch advice", TenderOrLot = "Tender or lot",
        InvoicedObject = "Invoiced object", BuyerAccountingReference = "Buyer accounting reference", BusinessProcess = "Business process",
        Specification = "Specification", PrecedingInvoice = "Preceding invoice", Of = "of",
        Parties = "Parties", Seller = "Seller", Buyer = "Buyer", Payee = "Payee", TaxRepresentative = "Seller's tax representative",
        Delivery = "Delivery", Location = "Location", DeliveredOn = "Delivered on",
        TradingName = "Trading name", Identifier = "Identifier", LegalRegistration = "Legal registration", VatNumber = "VAT number",
        TaxRegistration = "Tax registration", ElectronicAddress = "Electronic address", Contact = "Contact",
        Notes = "Notes", PaymentTerms = "Payment terms",
        Lines = "Lines", LineNumber = "#", Item = "Item", Quantity = "Quantity", UnitOfMeasure = "Unit", NetPrice = "Net price", Vat = "VAT", NetAmount = "Net amount",
        SubLineOf = "Sub-line of", SellerItemId = "Seller's id", BuyerItemId = "Buyer's id", StandardItemId = "Standard id",
        Origin = "Country of origin", Period = "Period", OrderLine = "Order line", LineObject = "Object", BuyerAccounting = "Buyer accounting",
        GrossPrice = "Gross price", PriceDiscount = "price discount", PricePer = "Price per", Classification = "Classification",
        Allowance = "Allowance", Charge = "Charge", AllowancesAndCharges = "Document allowances and charges", Kind = "Kind", Reason = "Reason",
        Base = "Base", Percentage = "Percentage", Amount = "Amount",
        VatBreakdown = "VAT breakdown", Category = "Category", Rate = "Rate", TaxableAmount = "Taxable amount", VatAmount = "VAT amount",
        Exemption = "Exemption reason",
        Totals = "Totals", LineNetTotal = "Sum of line net amounts", Allowances = "Allowances", Charges = "Charges", TotalWithoutVat = "Total without VAT",
        VatTotal = "Total VAT", VatInAccountingCurrency = "VAT in accounting currency", TotalWithVat = "Total with VAT", Paid = "Paid",
        Rounding = "Rounding", AmountDue = "Amount due",
        Payment = "Payment", PaymentMeans = "Payment means", Account = "Account (IBAN)", AccountName = "Account name", Bank = "Bank (BIC)",
        Card = "Card", CardHolder = "Card holder", DebitedAccount = "Debited account", Remittance = "Remittance information",
        Mandate = "Mandate reference", CreditorId = "Creditor identifier",
        SupportingDocuments = "Supporting documents", AttachedFile = "attached file", Continued = "continued", Page = "Page", Code = "code",
    };

    public static Wording For(RenderLanguage language) => language == RenderLanguage.English ? English : French;

    public required string Number { get; init; }
    public required string IssueDate { get; init; }
    public required string DocumentType { get; init; }
    public required string Currency { get; init; }
    public required string VatAccountingCurrency { get; init; }
    public required string DueDate { get; init; }
    public required string VatPointDate { get; init; }
    public required string VatPointDateCode { get; init; }
    public required string InvoicingPeriod { get; init; }
    public required string BuyerReference { get; init; }
    public required string Project { get; init; }
    public required string Contract { get; init; }
    public required string PurchaseOrder { get; init; }
    public required string SalesOrder { get; init; }
    public required string ReceivingAdvice { get; init; }
    public required string DespatchAdvice { get; init; }
    public required string TenderOrLot { get; init; }
    public required string InvoicedObject { get; init; }
    public required string BuyerAccountingReference { get; init; }
    public required string BusinessProcess { get; init; }
    public required string Specification { get; init; }
    public required string PrecedingInvoice { get; init; }
    public required string Of { get; init; }
    public required string Parties { get; init; }
    public required string Seller { get; init; }
    public required string Buyer { get; init; }
    public required string Payee { get; init; }
    public required string TaxRepresentative { get; init; }
    public required string Delivery { get; init; }
    public required string Location { get; init; }
    public required string DeliveredOn { get; init; }
    public required string TradingName { get; init; }
    public required string Identifier { get; init; }
    public required string LegalRegistration { get; init; }
    public required string VatNumber { get; init; }
    public required string TaxRegistration { get; init; }
    public required string ElectronicAddress { get; init; }
    public required string Contact { get; init; }
    public required string Notes { get; init; }
    public required string PaymentTerms { get; init; }
    public required string Lines { get; init; }
    public required string LineNumber { get; init; }
    public required string Item { get; init; }
    public required string Quantity { get; init; }
    public required string UnitOfMeasure { get; init; }
    public required string NetPrice { get; init; }
    public required string Vat { get; init; }
    public required string NetAmount { get; init; }
    public required string SubLineOf { get; init; }
    public required string SellerItemId { get; init; }
    public required string BuyerItemId { get; init; }
    public required string StandardItemId { get; init; }
    public required string Origin { get; init; }
    public required string Period { get; init; }
    public required string OrderLine { get; init; }
    public required string LineObject { get; init; }
    public required string BuyerAccounting { get; init; }
    public required string GrossPrice { get; init; }
    public required string PriceDiscount { get; init; }
    public required string PricePer { get; init; }
    public required string Classification { get; init; }
    public required string Allowance { get; init; }
    public required string Charge { get; init; }
    public required string AllowancesAndCharges { get; init; }
    public required string Kind { get; init; }
    public required string Reason { get; init; }
    public required string Base { get; init; }
    public required string Percentage { get; init; }
    public required string Amount { get; init; }
    public required string VatBreakdown { get; init; }
    public required string Category { get; init; }
    public required string Rate { get; init; }
    public required string TaxableAmount { get; init; }
    public required string VatAmount { get; init; }
    public required string Exemption { get; init; }
    public required string Totals { get; init; }
    public required string LineNetTotal { get; init; }
    public required string Allowances { get; init; }
    public required string Charges { get; init; }
    public required string TotalWithoutVat { get; init; }
    public required string VatTotal { get; init; }
    public required string VatInAccountingCurrency { get; init; }
    public required string TotalWithVat { get; init; }
    public required string Paid { get; init; }
    public required string Rounding { get; init; }
    public required string AmountDue { get; init; }
    public required string Payment { get; init; }
    public required string PaymentMeans { get; init; }
    public required string Account { get; init; }
    public required string AccountName { get; init; }
    public required string Bank { get; init; }
    public required string Card { get; init; }
    public required string CardHolder { get; init; }
    public required string DebitedAccount { get; init; }
    public required string Remittance { get; init; }
    public required string Mandate { get; init; }
    public required string CreditorId { get; init; }
    public required string SupportingDocuments { get; init; }
    public required string AttachedFile { get; init; }
    public required string Continued { get; init; }
    public required string Page { get; init; }
    public required string Code { get; init; }
}
