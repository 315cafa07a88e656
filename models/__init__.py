from . import pos_config
from . import pos_order
from . import pos_session
from . import pos_shop_sync
from . import pos_shop_sync_line
from . import res_company
from . import res_config_settings
