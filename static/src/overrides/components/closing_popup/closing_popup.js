// Copyright 2026 pos_shop_sync contributors
// License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
import {ClosePosPopup} from "@point_of_sale/app/navbar/closing_popup/closing_popup";

// get_closing_control_data also lists the transfers this session leaves open.
ClosePosPopup.props = [...ClosePosPopup.props, "shop_sync_transfers?"];
