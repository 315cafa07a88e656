from . import test_bus
from . import test_claim
from . import test_claim_race
from . import test_done
from . import test_performance
from . import test_security
from . import test_send
from . import test_settings
