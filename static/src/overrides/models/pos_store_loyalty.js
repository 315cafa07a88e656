// Copyright 2026 pos_shop_sync contributors
// License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
// What pos_loyalty puts on a cart, sent and rebuilt (see
// models/pos_shop_sync_loyalty.py). pos_loyalty is optional: nothing is
// imported from it, everything checks that its models are loaded.
import {patch} from "@web/core/utils/patch";
import {_t} from "@web/core/l10n/translation";
import {RPCError} from "@web/core/network/rpc";
import {PosStore} from "@point_of_sale/app/store/pos_store";
import {roundPrecision} from "@web/core/utils/numbers";

patch(PosStore.prototype, {
    /** Whether pos_loyalty runs in this POS. */
    get shopSyncHasLoyalty() {
        return Boolean(this.models["loyalty.program"] && this.models["loyalty.reward"]);
    },
    shopSyncLineModuleValues(line) {
        const values = super.shopSyncLineModuleValues(...arguments);
        if (!this.shopSyncHasLoyalty) {
            return values;
        }
        if (line.is_reward_line && line.reward_id) {
            return {
                ...values,
                loyalty: {
                    reward_id: line.reward_id.id,
                    coupon_id: line.coupon_id?.id || false,
                    reward_identifier_code: line.reward_identifier_code || "",
                    points_cost: line.points_cost || 0,
                    reward_product_id: line._reward_product_id?.id || false,
                    tax_ids: (line.tax_ids || []).map((tax) => tax.id),
                },
            };
        }
        if (line._e_wallet_program_id) {
            return {
                ...values,
                loyalty: {
                    e_wallet_program_id: line._e_wallet_program_id.id,
                    gift_code: line.gift_code || false,
                },
            };
        }
        return values;
    },
    shopSyncOrderModuleValues(order) {
        const values = super.shopSyncOrderModuleValues(...arguments);
        if (!this.shopSyncHasLoyalty || !order.uiState) {
            return values;
        }
        const state = order.uiState;
        const loyalty = {
            rule_ids: [...(state.codeActivatedProgramRules || [])],
            coupon_ids: (order._code_activated_coupon_ids || [])
                .map((card) => card.id)
                .filter((id) => id > 0),
            disabled_reward_ids: [...(state.disabledRewards || [])],
            points_won: {},
        };
        for (const change of Object.values(state.couponPointChanges || {})) {
            if (change.coupon_id > 0 && change.points > 0) {
                loyalty.points_won[String(change.coupon_id)] = change.points;
            }
        }
        const empty =
            !loyalty.rule_ids.length &&
            !loyalty.coupon_ids.length &&
            !loyalty.disabled_reward_ids.length &&
            !Object.keys(loyalty.points_won).length;
        return empty ? values : {...values, loyalty};
    },
    /** The cards a transfer's rewards and coupons use, loaded here too. */
    async shopSyncLoadMissing(transfer) {
        await super.shopSyncLoadMissing(...arguments);
        if (!this.shopSyncHasLoyalty) {
            return;
        }
        const cardIds = [
            ...transfer.lines.map((line) => line.module_values?.loyalty?.coupon_id),
            ...(transfer.module_values?.loyalty?.coupons || []).map((card) => card.id),
        ].filter((id) => id && !this.models["loyalty.card"].get(id));
        if (cardIds.length) {
            await this.data.read("loyalty.card", [...new Set(cardIds)]);
        }
    },
    shopSyncRebuildLineValues(line, transfer, order) {
        const values = super.shopSyncRebuildLineValues(...arguments);
        const loyalty = line.module_values?.loyalty;
        if (!loyalty || !this.shopSyncHasLoyalty) {
            return values;
        }
        if (loyalty.reward_id) {
            const taxes = (loyalty.tax_ids || [])
                .map((id) => this.models["account.tax"].get(id))
                .filter(Boolean);
            const card =
                loyalty.coupon_id && this.models["loyalty.card"].get(loyalty.coupon_id);
            const rewardValues = {
                is_reward_line: true,
                reward_id: this.models["loyalty.reward"].get(loyalty.reward_id),
                points_cost: loyalty.points_cost || 0,
                reward_identifier_code: loyalty.reward_identifier_code,
                tax_ids: [["clear"], ["link", ...taxes]],
            };
            if (card) {
                rewardValues.coupon_id = card;
            }
            if (loyalty.reward_product_id) {
                rewardValues._reward_product_id = this.models["product.product"].get(
                    loyalty.reward_product_id
                );
            }
            return {...values, ...rewardValues};
        }
        if (loyalty.e_wallet_program_id) {
            const program = this.models["loyalty.program"].get(
                loyalty.e_wallet_program_id
            );
            return {
                ...values,
                _e_wallet_program_id: program,
                gift_code: loyalty.gift_code || undefined,
            };
        }
        return values;
    },
    /**
     * The sent rewards through pos_loyalty's own machinery: the promo codes,
     * coupons and removed rewards of the cart are restored, pos_loyalty
     * counts the points (`updatePrograms`), links each reward line to this
     * terminal's card for its program and computes the reward lines again
     * (`_updateRewardLines`), and nothing it would claim by itself is left out.
     * A cart whose rewards pos_loyalty computes differently here is given back
     * to its targets, never kept with another total.
     */
    async shopSyncAfterRebuild(order, transfer) {
        await super.shopSyncAfterRebuild(...arguments);
        if (!this.shopSyncHasLoyalty) {
            return;
        }
        const cart = transfer.module_values?.loyalty || {};
        const sentRewards = transfer.lines.filter(
            (line) => line.module_values?.loyalty?.reward_id
        );
        if (
            !sentRewards.length &&
            !Object.keys(cart).length &&
            !this.models["loyalty.program"].length
        ) {
            return;
        }
        if (this.get_order() !== order) {
            this.set_order(order);
        }
        order.uiState.codeActivatedProgramRules = (cart.rule_ids || []).filter((id) =>
            this.models["loyalty.rule"].get(id)
        );
        order.uiState.disabledRewards = new Set(cart.disabled_reward_ids || []);
        const cards = (cart.coupons || [])
            .map((coupon) => this.models["loyalty.card"].get(coupon.id))
            .filter(Boolean);
        if (cards.length) {
            order.update({_code_activated_coupon_ids: [["link", ...cards]]});
        }
        await this.orderUpdateLoyaltyPrograms();
        this.shopSyncLinkRewardCards(order);
        order._updateRewardLines();
        await this.orderUpdateLoyaltyPrograms();
        this.shopSyncRestoreRewardCodes(order, sentRewards);
        const problems = this.shopSyncRewardDifferences(order, transfer, sentRewards);
        if (problems.length) {
            await this.shopSyncGiveBack(order, transfer, problems);
        }
    },
    /** Each reward line without a card gets this terminal's card of its program. */
    shopSyncLinkRewardCards(order) {
        const changes = Object.values(order.uiState.couponPointChanges || {});
        for (const line of order._get_reward_lines()) {
            if (line.coupon_id) {
                continue;
            }
            const programId = line.reward_id?.program_id?.id;
            const change = changes.find((pe) => pe.program_id === programId);
            const card = change && this.models["loyalty.card"].get(change.coupon_id);
            if (card) {
                line.update({coupon_id: card});
            }
        }
    },
    /**
     * pos_loyalty gives each reward it applies a new random identifier code;
     * the rebuilt reward lines keep the sent ones (one per sent reward).
     */
    shopSyncRestoreRewardCodes(order, sentRewards) {
        const unused = sentRewards.map((line) => line.module_values.loyalty);
        const byCode = new Map();
        for (const line of order._get_reward_lines()) {
            if (!byCode.has(line.reward_identifier_code)) {
                const index = unused.findIndex(
                    (sent) => sent.reward_id === line.reward_id?.id
                );
                if (index < 0) {
                    continue;
                }
                const code = unused[index].reward_identifier_code;
                byCode.set(line.reward_identifier_code, code);
                // Every sent line of that reward code is used by this one.
                for (let i = unused.length - 1; i >= 0; i--) {
                    if (unused[i].reward_identifier_code === code) {
                        unused.splice(i, 1);
                    }
                }
            }
            const code = byCode.get(line.reward_identifier_code);
            if (code) {
                line.update({reward_identifier_code: code});
            }
        }
    },
    /**
     * What differs between the sent reward lines and the ones pos_loyalty
     * computed here (reward, quantity, unit price, points), and the totals.
     *
     * @returns {string[]} the differences, for the cashier
     */
    shopSyncRewardDifferences(order, transfer, sentRewards) {
        const rounding = this.currency.rounding;
        const key = (rewardId, qty, price, cost) =>
            [
                rewardId,
                roundPrecision(qty, 0.001),
                roundPrecision(price, rounding),
                roundPrecision(cost, 0.01),
            ].join("|");
        const count = (keys) => {
            const counts = new Map();
            for (const k of keys) {
                counts.set(k, (counts.get(k) || 0) + 1);
            }
            return counts;
        };
        const sent = count(
            sentRewards.map((line) =>
                key(
                    line.module_values.loyalty.reward_id,
                    line.qty,
                    line.price_unit,
                    line.module_values.loyalty.points_cost || 0
                )
            )
        );
        const rebuilt = count(
            order
                ._get_reward_lines()
                .map((line) =>
                    key(
                        line.reward_id?.id,
                        line.qty,
                        line.price_unit,
                        line.points_cost || 0
                    )
                )
        );
        const problems = [];
        const describe = (k) => {
            const [rewardId, qty, price] = k.split("|");
            const reward = this.models["loyalty.reward"].get(Number(rewardId));
            return _t("%(reward)s (%(qty)s × %(price)s)", {
                reward: reward?.description || rewardId,
                qty,
                price: this.env.utils.formatCurrency(Number(price)),
            });
        };
        for (const [k, n] of sent) {
            if ((rebuilt.get(k) || 0) < n) {
                problems.push(
                    _t("This terminal does not give the reward %s.", describe(k))
                );
            }
        }
        for (const [k, n] of rebuilt) {
            if ((sent.get(k) || 0) < n) {
                problems.push(
                    _t("This terminal would add the reward %s.", describe(k))
                );
            }
        }
        // What pos_loyalty's next update would claim by itself (as its
        // updateRewards does) and the sender did not have.
        for (const {reward} of order.getClaimableRewards(false, false, true)) {
            const program = reward.program_id;
            if (
                program.reward_ids.length === 1 &&
                !program.is_nominative &&
                (reward.reward_type !== "product" || !reward.multi_product)
            ) {
                problems.push(
                    _t("This terminal would add the reward %s.", reward.description)
                );
            }
        }
        const total = order.get_total_with_tax();
        const hasRewards = sentRewards.length || order._get_reward_lines().length;
        if (
            hasRewards &&
            !problems.length &&
            roundPrecision(total - transfer.amount_total, rounding) !== 0
        ) {
            problems.push(
                _t("The total would be %(here)s instead of %(sent)s.", {
                    here: this.env.utils.formatCurrency(total),
                    sent: this.env.utils.formatCurrency(transfer.amount_total),
                })
            );
        }
        return problems;
    },
    /**
     * The rebuilt cart is not the sent one: it is removed here and the
     * transfer given back to its targets, with the reason; the cashier is told.
     */
    async shopSyncGiveBack(order, transfer, problems) {
        const reason = problems.join(" ");
        const linked = Boolean(order.shop_sync_id);
        if (linked) {
            // Unlinked first: deleting a linked order releases it with a
            // generic reason.
            order.update({shop_sync_id: false});
            // The cashier works on a blank order, selected before the cart
            // goes: the screen never shows a deleted order.
            this.selectEmptyOrder();
            if (await this.deleteOrders([order])) {
                order.uiState.displayed = false;
            }
            await this.data.call("pos.shop.sync", "release_from_ui", [
                this.config.id,
                transfer.id,
                reason.slice(0, 200),
            ]);
        }
        const message = linked
            ? _t("%(name)s was given back, its rewards differ here: %(reason)s", {
                  name: transfer.name,
                  reason,
              })
            : _t("The rewards of %(name)s differ here: %(reason)s", {
                  name: transfer.name,
                  reason,
              });
        if (!linked) {
            this.notification.add(message, {type: "warning", sticky: true});
            return;
        }
        const error = new RPCError(message);
        error.data = {message};
        throw error;
    },
});
