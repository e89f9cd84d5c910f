using CivilAffairs.Web.Kernel.Auditing;
using CivilAffairs.Web.Kernel.Data;

namespace CivilAffairs.Web.Areas.SocialAssistance.Domain;

public enum MedicalAssistanceType
{
    /// <summary>特困人员</summary>
    Destitute = 1,
    /// <summary>低保对象</summary>
    Dibao = 2,
}

public enum VisitKind
{
    Inpatient = 1,
    Outpatient = 2,
}

/// <summary>One band of a rate table: the part of the eligible amount up to <see cref="UpToFen"/> (the rest: the next band) at <see cref="Rate"/>.</summary>
public sealed record RateBand
{
    /// <summary>Upper end of the band (fen); 0 or less: no upper end.</summary>
    public long UpToFen { get; init; }
    public decimal Rate { get; init; }
}

/// <summary>
/// A medical-assistance rate table keyed by (year, assistance type): threshold (起付线), rate bands over the amount
/// above it, and the person's annual cap (configuration <c>SocialAssistance:MedicalRates</c>; defaults UNCONFIRMED).
/// </summary>
public sealed record MedicalRateTable
{
    public int Year { get; init; } = 2026;
    public MedicalAssistanceType Type { get; init; }
    public long ThresholdFen { get; init; }
    public IReadOnlyList<RateBand> Bands { get; init; } = [];
    public long AnnualCapFen { get; init; }

    /// <summary>UNCONFIRMED defaults after the national guidance: no threshold for 特困 and 低保, 90 % / 70 %, caps 50,000 / 30,000 yuan.</summary>
    public static IReadOnlyList<MedicalRateTable> Defaults(int year) =>
    [
        new() { Year = year, Type = MedicalAssistanceType.Destitute, ThresholdFen = 0, Bands = [new RateBand { Rate = 0.9m }], AnnualCapFen = 5_000_000 },
        new() { Year = year, Type = MedicalAssistanceType.Dibao, ThresholdFen = 0, Bands = [new RateBand { UpToFen = 1_000_000, Rate = 0.7m }, new RateBand { Rate = 0.75m }], AnnualCapFen = 3_000_000 },
    ];
}

/// <summary>A bill as the hospital's billing system (or a staff member) submits it.</summary>
public sealed record MedicalBill(long TotalFen, long InCatalogueFen, long BasicInsuranceFen, long CriticalIllnessFen, long OtherAidFen);

/// <summary>What a settlement works out: the amount assisted, the patient's share, and how.</summary>
public sealed record SettlementAmounts(long SelfPayInCatalogueFen, long EligibleFen, long ComputedFen, long RemainingCapBeforeFen, long AssistanceFen,
    long PatientPaysFen, IReadOnlyList<string> Working);

/// <summary>
/// The settlement arithmetic (DOMAIN.md): self-pay in the catalogue = in-catalogue cost − basic insurance − critical
/// illness insurance − other aid; assistance = (self-pay in catalogue − threshold) × rate, band by band, capped by what
/// is left of the person's annual cap; the patient pays the rest of the bill.
/// </summary>
public static class MedicalSettlementCalculator
{
    /// <summary>The largest amount a bill may state (10 million yuan): bounds the arithmetic (no overflow) and typing errors.</summary>
    public const long MaxAmountFen = Money.MaxFen;

    public static void Validate(MedicalBill bill, Validator v)
    {
        if (bill.TotalFen <= 0) v.Add("TotalFen", "费用总额须大于 0");
        if (new[] { bill.TotalFen, bill.InCatalogueFen, bill.BasicInsuranceFen, bill.CriticalIllnessFen, bill.OtherAidFen }.Any(a => a > MaxAmountFen))
        {
            v.Add("TotalFen", "金额过大（单张结算单每项不超过 1,000 万元）");
            return;
        }
        if (bill.InCatalogueFen < 0 || bill.BasicInsuranceFen < 0 || bill.CriticalIllnessFen < 0 || bill.OtherAidFen < 0)
            v.Add("TotalFen", "金额不能为负数");
        if (bill.InCatalogueFen > bill.TotalFen) v.Add("InCatalogueFen", "政策范围内费用不能大于费用总额");
        if (bill.BasicInsuranceFen + bill.CriticalIllnessFen + bill.OtherAidFen > bill.TotalFen)
            v.Add("BasicInsuranceFen", "基本医保、大病保险和其他救助已支付的合计不能大于费用总额");
    }

    public static SettlementAmounts Compute(MedicalBill bill, MedicalRateTable table, long usedThisYearFen)
    {
        var working = new List<string>();
        var paidByOthers = bill.BasicInsuranceFen + bill.CriticalIllnessFen + bill.OtherAidFen;
        var selfPay = Math.Max(0, bill.InCatalogueFen - paidByOthers);
        working.Add($"政策范围内个人自付：{Money.YuanText(bill.InCatalogueFen)} − 已报销及其他救助 {Money.YuanText(paidByOthers)} = {Money.YuanText(selfPay)}");
        var eligible = Math.Max(0, selfPay - table.ThresholdFen);
        if (table.ThresholdFen > 0) working.Add($"扣除起付线 {Money.YuanText(table.ThresholdFen)}：{Money.YuanText(eligible)}");
        long computed = 0, lower = 0;
        foreach (var band in table.Bands)
        {
            var upper = band.UpToFen > 0 ? band.UpToFen : long.MaxValue;
            if (eligible <= lower) break;
            var part = Math.Min(eligible, upper) - lower;
            var paid = (long)Math.Round(part * band.Rate, MidpointRounding.AwayFromZero);
            working.Add($"{Money.YuanText(part)} × {band.Rate:P0} = {Money.YuanText(paid)}");
            computed += paid;
            lower = upper;
        }
        var remaining = Math.Max(0, table.AnnualCapFen - usedThisYearFen);
        var assistance = Math.Min(computed, remaining);
        if (assistance < computed) working.Add($"年度封顶 {Money.YuanText(table.AnnualCapFen)}，本年已救助 {Money.YuanText(usedThisYearFen)}，本次最多 {Money.YuanText(remaining)}");
        var patient = bill.TotalFen - paidByOthers - assistance;
        working.Add($"医疗救助 {Money.YuanText(assistance)}；个人负担 {Money.YuanText(bill.TotalFen)} − {Money.YuanText(paidByOthers)} − {Money.YuanText(assistance)} = {Money.YuanText(patient)}");
        return new SettlementAmounts(selfPay, eligible, computed, remaining, assistance, patient, working);
    }
}

public enum SettlementStatus
{
    Settled = 1,
    Reversed = 2,
}

/// <summary>One settlement (同步结算) of a bill: kept with every figure; a reversal (refund) restores the cap.</summary>
public sealed class MedicalSettlement : IDivisionScoped, IAudited
{
    private MedicalSettlement() { }

    public MedicalSettlement(int personId, string idNumber, string name, string divisionCode, int caseId, MedicalAssistanceType type, int year,
        VisitKind visit, string institution, string billNumber, DateOnly visitDate, MedicalBill bill, long thresholdFen, SettlementAmounts amounts,
        string submittedBy, DateTime now)
    {
        PersonId = personId;
        IdNumber = idNumber;
        Name = name;
        DivisionCode = divisionCode;
        CaseId = caseId;
        Type = type;
        Year = year;
        Visit = visit;
        Institution = institution;
        BillNumber = billNumber;
        VisitDate = visitDate;
        TotalFen = bill.TotalFen;
        InCatalogueFen = bill.InCatalogueFen;
        BasicInsuranceFen = bill.BasicInsuranceFen;
        CriticalIllnessFen = bill.CriticalIllnessFen;
        OtherAidFen = bill.OtherAidFen;
        SelfPayInCatalogueFen = amounts.SelfPayInCatalogueFen;
        ThresholdFen = thresholdFen;
        AssistanceFen = amounts.AssistanceFen;
        PatientPaysFen = amounts.PatientPaysFen;
        Working = string.Join("\n", amounts.Working);
        SubmittedBy = submittedBy;
        SettledAt = now;
        Status = SettlementStatus.Settled;
    }

    public long Id { get; private set; }
    public int PersonId { get; private set; }
    public string IdNumber { get; private set; } = "";
    public string Name { get; private set; } = "";
    /// <summary>The community of the patient's case.</summary>
    public string DivisionCode { get; private set; } = "";
    public int CaseId { get; private set; }
    public MedicalAssistanceType Type { get; private set; }
    public int Year { get; private set; }
    public VisitKind Visit { get; private set; }
    public string Institution { get; private set; } = "";
    /// <summary>The hospital's own bill number: a repeated submission of the same bill gets the same settlement back.</summary>
    public string BillNumber { get; private set; } = "";
    public DateOnly VisitDate { get; private set; }
    public long TotalFen { get; private set; }
    public long InCatalogueFen { get; private set; }
    public long BasicInsuranceFen { get; private set; }
    public long CriticalIllnessFen { get; private set; }
    public long OtherAidFen { get; private set; }
    public long SelfPayInCatalogueFen { get; private set; }
    public long ThresholdFen { get; private set; }
    public long AssistanceFen { get; private set; }
    public long PatientPaysFen { get; private set; }
    public string Working { get; private set; } = "";
    public string SubmittedBy { get; private set; } = "";
    public DateTime SettledAt { get; private set; }
    public SettlementStatus Status { get; private set; }
    public string? ReversedBy { get; private set; }
    public DateTime? ReversedAt { get; private set; }
    public string? ReversalReason { get; private set; }

    string IAudited.AuditDivisionCode => DivisionCode;

    public void Reverse(string by, DateTime now, string? reason)
    {
        if (Status == SettlementStatus.Reversed) throw new DomainException("该结算已冲销", "Status");
        var text = reason?.Trim();
        if (string.IsNullOrEmpty(text)) throw new DomainException("请填写冲销原因", "Reason");
        Status = SettlementStatus.Reversed;
        ReversedBy = by;
        ReversedAt = now;
        ReversalReason = text.Length > 500 ? text[..500] : text;
    }
}

/// <summary>
/// How much of a person's annual cap is used (one row per person and year). Every settlement and reversal changes it
/// under optimistic concurrency, so two settlements at the same instant cannot both spend the same remaining cap.
/// </summary>
public sealed class MedicalCapUsage : IVersioned
{
    private MedicalCapUsage() { }

    public MedicalCapUsage(int personId, int year)
    {
        PersonId = personId;
        Year = year;
    }

    public long Id { get; private set; }
    public int PersonId { get; private set; }
    public int Year { get; private set; }
    public long UsedFen { get; private set; }
    public int Version { get; set; }

    public void Use(long fen) => UsedFen += fen;
    public void Restore(long fen) => UsedFen = Math.Max(0, UsedFen - fen);
}
