using CivilAffairs.Web.Areas.SocialAssistance.Domain;
using CivilAffairs.Web.Kernel.Data;

namespace CivilAffairs.Tests.SocialAssistance;

/// <summary>The settlement arithmetic on hand-computed bills (default tables: 特困 90 %, cap 50,000; 低保 70 % up to 10,000 then 75 %, cap 30,000).</summary>
public sealed class MedicalSettlementCalculatorTests
{
    private static readonly MedicalRateTable Dibao = MedicalRateTable.Defaults(2026).Single(t => t.Type == MedicalAssistanceType.Dibao);
    private static readonly MedicalRateTable Destitute = MedicalRateTable.Defaults(2026).Single(t => t.Type == MedicalAssistanceType.Destitute);

    [Fact]
    public void Assistance_is_the_self_pay_in_the_catalogue_times_the_rate_and_the_patient_pays_the_rest()
    {
        // total 20,000; in catalogue 18,000; basic 10,000; critical illness 2,000 → self-pay in catalogue 6,000;
        // 6,000 × 70 % = 4,200; the patient pays 20,000 − 12,000 − 4,200 = 3,800
        var r = MedicalSettlementCalculator.Compute(new MedicalBill(2_000_000, 1_800_000, 1_000_000, 200_000, 0), Dibao, 0);
        Assert.Equal(600_000, r.SelfPayInCatalogueFen);
        Assert.Equal(420_000, r.AssistanceFen);
        Assert.Equal(380_000, r.PatientPaysFen);
    }

    [Fact]
    public void Bands_apply_to_their_part_of_the_amount_and_a_threshold_comes_off_first()
    {
        // self-pay 15,000: 10,000 × 70 % + 5,000 × 75 % = 7,000 + 3,750 = 10,750
        var r = MedicalSettlementCalculator.Compute(new MedicalBill(3_000_000, 2_500_000, 1_000_000, 0, 0), Dibao, 0);
        Assert.Equal(1_075_000, r.AssistanceFen);
        // a threshold of 1,000: (6,000 − 1,000) × 90 % = 4,500
        var withThreshold = Destitute with { ThresholdFen = 100_000 };
        Assert.Equal(450_000, MedicalSettlementCalculator.Compute(new MedicalBill(600_000, 600_000, 0, 0, 0), withThreshold, 0).AssistanceFen);
        // under the threshold: nothing
        Assert.Equal(0, MedicalSettlementCalculator.Compute(new MedicalBill(50_000, 50_000, 0, 0, 0), withThreshold, 0).AssistanceFen);
    }

    [Fact]
    public void The_annual_cap_limits_the_assistance()
    {
        // 29,000 already used of 30,000: 4,200 computed, 1,000 paid; the patient pays the difference
        var r = MedicalSettlementCalculator.Compute(new MedicalBill(2_000_000, 1_800_000, 1_000_000, 200_000, 0), Dibao, 2_900_000);
        Assert.Equal(420_000, r.ComputedFen);
        Assert.Equal(100_000, r.AssistanceFen);
        Assert.Equal(700_000, r.PatientPaysFen);
        Assert.Equal(0, MedicalSettlementCalculator.Compute(new MedicalBill(2_000_000, 1_800_000, 1_000_000, 200_000, 0), Dibao, 3_000_000).AssistanceFen);
    }

    [Fact]
    public void Out_of_catalogue_costs_are_never_assisted_and_bad_bills_are_refused()
    {
        // everything out of the catalogue: nothing to assist
        Assert.Equal(0, MedicalSettlementCalculator.Compute(new MedicalBill(500_000, 0, 0, 0, 0), Destitute, 0).AssistanceFen);
        var v = new Validator();
        MedicalSettlementCalculator.Validate(new MedicalBill(100_000, 90_000, 80_000, 30_000, 0), v);
        Assert.True(v.HasError("BasicInsuranceFen"));
        v = new Validator();
        MedicalSettlementCalculator.Validate(new MedicalBill(100_000, 120_000, 0, 0, 0), v);
        Assert.True(v.HasError("InCatalogueFen"));
        v = new Validator();
        MedicalSettlementCalculator.Validate(new MedicalBill(100_000, 50_000, -1, 0, 0), v);
        Assert.False(v.IsValid);
    }
}
