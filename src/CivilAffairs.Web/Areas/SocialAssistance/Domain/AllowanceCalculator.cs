using CivilAffairs.Web.Kernel.Data;

namespace CivilAffairs.Web.Areas.SocialAssistance.Domain;

/// <summary>A counted member as the amount needs them.</summary>
public sealed record AllowanceMember(string Name, int Age, bool SevereDisability, bool OtherDisability, bool SeriousIllness);

/// <summary>One line of how an amount was made, for the approval form.</summary>
public sealed record AmountLine(string Text, long AmountFen);

/// <summary>A monthly amount with every step that made it.</summary>
public sealed record AllowanceAmount(long MonthlyFen, long StandardFen, long PerCapitaIncomeFen, int HouseholdSize, IReadOnlyList<AmountLine> Lines);

/// <summary>
/// The monthly dibao amount (DOMAIN.md): (local standard − verified per-capita monthly income) × household size (差额),
/// or a tiered amount per person; rigid medical/education spending deducted from income for expenditure-based cases;
/// plus classified increments (each person the highest of their categories); individual inclusion (单独施保) pays one
/// person a share of the standard. Refuses an amount that would be zero or negative.
/// </summary>
public static class AllowanceCalculator
{
    public static AllowanceAmount Dibao(AssistancePolicy policy, AreaKind area, IReadOnlyList<AllowanceMember> members, long perCapitaIncomeFen,
        long rigidSpendingMonthlyFen = 0, AllowanceMember? individual = null)
    {
        if (members.Count == 0) throw new DomainException("家庭至少要有一名计入的成员", "Members");
        if (perCapitaIncomeFen < 0) throw new DomainException("人均收入不能为负数", "PerCapitaIncome");
        if (rigidSpendingMonthlyFen < 0) throw new DomainException("刚性支出不能为负数", "RigidSpending");
        var standard = policy.StandardFor(area);
        var lines = new List<AmountLine>();
        long total;
        if (individual is not null)
        {
            if (!individual.SevereDisability && !individual.SeriousIllness)
                throw new DomainException($"单独施保的人员须为重度残疾（1–2 级，或 3 级智力、精神残疾）或重病患者：{individual.Name} 不符合", "IndividualInclusion");
            // the household must be "marginal": per-capita income under MarginalFactor × standard
            var marginalLimit = (long)Math.Floor(standard * policy.MarginalFactor);
            if (perCapitaIncomeFen >= marginalLimit)
                throw new DomainException($"单独施保须为低保边缘家庭：家庭人均月收入 {Money.YuanText(perCapitaIncomeFen)} 不低于 {policy.MarginalFactor} 倍标准 {Money.YuanText(marginalLimit)}", "IndividualInclusion");
            total = (long)Math.Round(standard * policy.IndividualInclusionShare, MidpointRounding.AwayFromZero);
            lines.Add(new AmountLine($"单独施保：{individual.Name} 按标准 {Money.YuanText(standard)} 的 {policy.IndividualInclusionShare:P0}", total));
            var inc = Increment(policy, individual, out var why);
            if (inc > 0)
            {
                lines.Add(new AmountLine($"分类施保：{individual.Name}（{why}）", inc));
                total += inc;
            }
            return new AllowanceAmount(total, standard, perCapitaIncomeFen, 1, lines);
        }

        var counted = perCapitaIncomeFen;
        if (rigidSpendingMonthlyFen > 0)
        {
            var perCapitaDeduction = rigidSpendingMonthlyFen / members.Count;
            counted = Math.Max(0, perCapitaIncomeFen - perCapitaDeduction);
            lines.Add(new AmountLine($"扣减刚性支出：每月 {Money.YuanText(rigidSpendingMonthlyFen)} ÷ {members.Count} 人，人均收入按 {Money.YuanText(counted)} 计", -perCapitaDeduction));
        }
        if (policy.AmountMethod == AmountMethod.Difference)
        {
            var gap = standard - counted;
            if (gap <= 0)
                throw new DomainException($"家庭人均月收入 {Money.YuanText(counted)} 不低于低保标准 {Money.YuanText(standard)}，计算的保障金额为 {Money.YuanText(gap * members.Count)}，不能纳入", "Amount");
            total = gap * members.Count;
            lines.Add(new AmountLine($"差额：（标准 {Money.YuanText(standard)} − 人均收入 {Money.YuanText(counted)}）× {members.Count} 人", total));
        }
        else
        {
            var tier = policy.Tiers.OrderBy(t => t.UpToPerCapitaIncomeFen).FirstOrDefault(t => counted <= t.UpToPerCapitaIncomeFen);
            if (tier is null || tier.PerPersonFen <= 0 || counted >= standard)
                throw new DomainException($"家庭人均月收入 {Money.YuanText(counted)} 不在任何计发档次内（标准 {Money.YuanText(standard)}），不能纳入", "Amount");
            total = tier.PerPersonFen * members.Count;
            lines.Add(new AmountLine($"分档：人均收入不高于 {Money.YuanText(tier.UpToPerCapitaIncomeFen)}，每人 {Money.YuanText(tier.PerPersonFen)} × {members.Count} 人", total));
        }
        foreach (var m in members)
        {
            var inc = Increment(policy, m, out var why);
            if (inc <= 0) continue;
            lines.Add(new AmountLine($"分类施保：{m.Name}（{why}）", inc));
            total += inc;
        }
        return new AllowanceAmount(total, standard, perCapitaIncomeFen, members.Count, lines);
    }

    /// <summary>The highest classified increment a person qualifies for, and why.</summary>
    public static long Increment(AssistancePolicy policy, AllowanceMember m, out string reason)
    {
        (bool Applies, long Amount, string Why)[] categories =
        [
            (m.SevereDisability, policy.SevereDisabilityIncrementFen, "重度残疾"),
            (m.SeriousIllness, policy.SeriousIllnessIncrementFen, "重病"),
            (m.OtherDisability, policy.OtherDisabilityIncrementFen, "残疾"),
            (m.Age >= policy.ElderlyAge, policy.ElderlyIncrementFen, $"{policy.ElderlyAge} 岁以上老人"),
            (m.Age < 18, policy.MinorIncrementFen, "未成年人"),
        ];
        var best = 0L;
        reason = "";
        foreach (var (applies, amount, why) in categories)
        {
            if (!applies || amount <= best) continue;
            best = amount;
            reason = why;
        }
        return best;
    }

    /// <summary>Destitute support: the basic living allowance per person (care allowances by self-care level follow with elderly care).</summary>
    public static AllowanceAmount Destitute(AssistancePolicy policy, int persons)
    {
        if (persons <= 0) throw new DomainException("特困供养至少一人", "Members");
        var total = policy.DestituteMonthlyFen * persons;
        return new AllowanceAmount(total, policy.DestituteMonthlyFen, 0, persons,
            [new AmountLine($"基本生活费：每人每月 {Money.YuanText(policy.DestituteMonthlyFen)} × {persons} 人", total)]);
    }

    /// <summary>
    /// Destitute support with its conditions (DOMAIN.md): every person supported cannot work (60 or over, under 16, or
    /// severely disabled) and the household has no income source (per-capita income below the dibao standard). Whether
    /// an able legal supporter exists is established by the home visit, not from data.
    /// </summary>
    public static AllowanceAmount Destitute(AssistancePolicy policy, AreaKind area, IReadOnlyList<AllowanceMember> members, long perCapitaIncomeFen)
    {
        var able = members.Where(m => m.Age is >= 16 and < 60 && !m.SevereDisability).Select(m => m.Name).ToList();
        if (able.Count > 0)
            throw new DomainException($"特困供养对象须无劳动能力（60 岁以上、16 岁以下或重度残疾）：{string.Join("、", able)} 不符合", "Members");
        var standard = policy.StandardFor(area);
        if (perCapitaIncomeFen >= standard)
            throw new DomainException($"人均月收入 {Money.YuanText(perCapitaIncomeFen)} 不低于低保标准 {Money.YuanText(standard)}，不符合特困供养“无收入来源”的条件", "Amount");
        return Destitute(policy, members.Count);
    }

    /// <summary>
    /// Expenditure-type temporary assistance: a one-off grant of the amount asked for, at most the policy's maximum,
    /// for a household whose per-capita income is below last year's local average.
    /// </summary>
    public static AllowanceAmount Temporary(AssistancePolicy policy, long requestedFen, long perCapitaIncomeFen)
    {
        if (requestedFen <= 0) throw new DomainException("请填写申请的临时救助金额", "RequestedAmountFen");
        if (perCapitaIncomeFen >= policy.LocalAverageMonthlyIncomeFen)
            throw new DomainException($"人均月收入 {Money.YuanText(perCapitaIncomeFen)} 不低于上年当地人均可支配收入 {Money.YuanText(policy.LocalAverageMonthlyIncomeFen)}，不符合支出型临时救助条件", "Amount");
        var amount = Math.Min(requestedFen, policy.TemporaryMaxFen);
        var lines = new List<AmountLine> { new($"一次性临时救助：申请 {Money.YuanText(requestedFen)}" + (amount < requestedFen ? $"，按上限 {Money.YuanText(policy.TemporaryMaxFen)}" : ""), amount) };
        return new AllowanceAmount(amount, policy.TemporaryMaxFen, perCapitaIncomeFen, 1, lines);
    }

    /// <summary>
    /// Expenditure-based hardship recognition (刚性支出困难, DOMAIN.md): not a dibao or marginal household (per-capita
    /// income at least the marginal multiple of the standard), per-capita income below last year's local average, and
    /// rigid medical/education spending over the last 12 months above the local share of the household's income.
    /// A recognition: no amount is paid (it opens other aids).
    /// </summary>
    public static AllowanceAmount Hardship(AssistancePolicy policy, AreaKind area, int householdSize, long perCapitaIncomeFen, long rigidSpendingMonthlyFen)
    {
        var standard = policy.StandardFor(area);
        var marginal = (long)Math.Floor(standard * policy.MarginalFactor);
        if (perCapitaIncomeFen < marginal)
            throw new DomainException($"人均月收入 {Money.YuanText(perCapitaIncomeFen)} 低于低保边缘标准 {Money.YuanText(marginal)}，应按低保或低保边缘家庭办理", "Amount");
        if (perCapitaIncomeFen >= policy.LocalAverageMonthlyIncomeFen)
            throw new DomainException($"人均月收入 {Money.YuanText(perCapitaIncomeFen)} 不低于上年当地人均可支配收入 {Money.YuanText(policy.LocalAverageMonthlyIncomeFen)}", "Amount");
        var yearlyIncome = perCapitaIncomeFen * householdSize * 12;
        var yearlyRigid = rigidSpendingMonthlyFen * 12;
        var threshold = (long)Math.Round(yearlyIncome * policy.HardshipRigidShare);
        if (yearlyRigid <= threshold)
            throw new DomainException($"近 12 个月刚性支出 {Money.YuanText(yearlyRigid)} 未超过家庭收入 {Money.YuanText(yearlyIncome)} 的 {policy.HardshipRigidShare:P0}（{Money.YuanText(threshold)}）", "RigidSpendingMonthlyFen");
        return new AllowanceAmount(0, standard, perCapitaIncomeFen, householdSize,
            [new AmountLine($"刚性支出困难认定：近 12 个月刚性支出 {Money.YuanText(yearlyRigid)}，超过家庭收入 {Money.YuanText(yearlyIncome)} 的 {policy.HardshipRigidShare:P0}（{Money.YuanText(threshold)}）；人均月收入 {Money.YuanText(perCapitaIncomeFen)} 介于边缘标准 {Money.YuanText(marginal)} 与当地人均可支配收入 {Money.YuanText(policy.LocalAverageMonthlyIncomeFen)} 之间", 0)]);
    }

}
